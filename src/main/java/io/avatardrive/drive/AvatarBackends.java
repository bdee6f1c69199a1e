package io.avatardrive.drive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import io.avatardrive.settings.DriveSettings;
import io.avatardrive.settings.InvalidSettingsException;
import org.apache.camel.CamelContext;

/**
 * The avatar backends and the voice stage a context drives with: the library's own from {@code META-INF/services},
 * then any bound in the registry (by type), which win by name. So a fourth vendor is one package and one bean.
 */
public final class AvatarBackends {

    static final String BEAN = "avatarBackends";

    private final Map<String, AvatarBackend> byName = new TreeMap<>();
    private final VoiceStage voice;

    AvatarBackends(Collection<AvatarBackend> backends, VoiceStage voice) {
        backends.forEach(b -> byName.put(b.name(), b));
        this.voice = voice;
    }

    /** The context's backends, found once and kept in its registry. */
    public static synchronized AvatarBackends of(CamelContext context) {
        AvatarBackends found = context.getRegistry().lookupByNameAndType(BEAN, AvatarBackends.class);
        if (found == null) {
            List<AvatarBackend> backends = new ArrayList<>();
            ServiceLoader.load(AvatarBackend.class, AvatarBackend.class.getClassLoader()).forEach(backends::add);
            backends.addAll(context.getRegistry().findByType(AvatarBackend.class));
            VoiceStage voice = context.getRegistry().findSingleByType(VoiceStage.class);
            if (voice == null) {
                voice = ServiceLoader.load(VoiceStage.class, VoiceStage.class.getClassLoader()).findFirst().orElse(null);
            }
            found = new AvatarBackends(backends, voice);
            context.getRegistry().bind(BEAN, found);
        }
        return found;
    }

    /** The backend of that name, or null. */
    AvatarBackend get(String name) {
        return byName.get(name);
    }

    Collection<AvatarBackend> all() {
        return byName.values();
    }

    /** The names, for an operator told that a name is none of them. */
    String names() {
        return String.join(", ", byName.keySet());
    }

    /** The names of the backends that say words themselves. */
    String namesTakingText() {
        return String.join(", ", byName.values().stream().filter(AvatarBackend::takesText).map(AvatarBackend::name).toList());
    }

    /** The voice stage, or null when none is installed. */
    VoiceStage voice() {
        return voice;
    }

    /** Refuses settings whose default backend is none of these. */
    public void requireKnown(DriveSettings settings) {
        if (get(settings.backend()) == null) {
            throw new InvalidSettingsException("drive.backend must be one of " + names() + ", was '" + settings.backend()
                                               + "'");
        }
    }

    /**
     * With no stand-ins, the accounts the settings rely on must be set: the default backend's, and the voice stage's
     * when a default speaker is set. Every missing key is named at once, with its environment variable.
     */
    public void requireAccounts(DriveSettings settings, String why) {
        List<String> missing = new ArrayList<>();
        AvatarBackend backend = get(settings.backend());
        if (backend != null && !backend.hasAccount(settings)) {
            missing.add(withEnv(backend.accountKey()) + " for drive.backend = " + backend.name());
        }
        if (!settings.speaker().isBlank() && voice != null && !voice.hasAccount(settings)) {
            missing.add(withEnv(voice.accountKey()) + " for voice.speaker");
        }
        if (!missing.isEmpty()) {
            throw new InvalidSettingsException("No vendor account is set for " + String.join("; ", missing) + ", and "
                                               + why);
        }
    }

    private static String withEnv(String key) {
        return key + " (env " + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
    }
}
