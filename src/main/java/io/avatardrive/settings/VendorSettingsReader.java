package io.avatardrive.settings;

import java.util.List;

/** Reads one vendor's {@link VendorSettings}; listed in {@code META-INF/services} by the vendor's package. */
public interface VendorSettingsReader {

    /** The keys that shape one drive, each also a parameter of the drive route template. */
    List<String> keys();

    VendorSettings read(DriveSettings.Reader reader);
}
