package io.avatardrive.settings;

import java.util.List;

/**
 * One vendor's account and options, read with the rest of the settings by the vendor's own
 * {@link VendorSettingsReader}, so that the settings name no vendor: a drive asks for its vendor's by type.
 */
public interface VendorSettings {

    /** Whether an account is set (and not a local stand-in's to be chosen). */
    boolean hasAccount();

    /** The secrets a text of a drive could contain, for the {@link Redactor}. */
    List<String> secrets();

    /** What an account that is set lacks to work, one line per missing key; nothing when none is set. */
    default List<String> missing(DriveSettings settings) {
        return List.of();
    }
}
