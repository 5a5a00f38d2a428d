package dev.jwal.api.codec;

import dev.jwal.api.error.CodecNotFoundException;
import dev.jwal.api.error.DuplicateCodecException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds {@link EntryCodec} providers by name.
 *
 * <p>Every lookup asks {@link ServiceLoader} afresh with the given class
 * loader, so codecs added at run time are seen. A provider that fails to load
 * is reported (through {@link System.Logger}, since the API depends on the
 * JDK only) and does not hide the others; two providers with one name are an
 * error, never a silent choice. Thread safe.
 */
public final class Codecs {
    /** The codec logs use unless configured otherwise. */
    public static final String DEFAULT_CODEC = "json";

    private static final int MAX_PROVIDER_ATTEMPTS = 1_000;

    private static final System.Logger LOG = System.getLogger(Codecs.class.getName());

    /** Where our own codecs live, so a missing one can be named with the module to add. */
    private static final Map<String, String> KNOWN_MODULES = Map.of(
            "json", "dev.jwal:wal-codec-json",
            "kryo", "dev.jwal:wal-codec-binary",
            "protobuf", "dev.jwal:wal-codec-binary");

    private Codecs() {
    }

    /**
     * The codec named {@code name}, from this class's loader.
     *
     * @param name the codec's name, e.g. {@code json}
     * @return a new instance of that codec's provider
     * @throws CodecNotFoundException  if no provider has that name
     * @throws DuplicateCodecException if several providers have that name
     */
    public static EntryCodec byName(String name) {
        return byName(name, Codecs.class.getClassLoader());
    }

    /**
     * As {@link #byName(String)}, looking in {@code loader}.
     *
     * @param name   the codec's name, e.g. {@code json}
     * @param loader where {@link ServiceLoader} looks for providers
     * @return a new instance of that codec's provider
     * @throws CodecNotFoundException  if no provider has that name; names the module to add and the
     *                                 providers that failed to load, with their reasons
     * @throws DuplicateCodecException if several providers have that name
     */
    public static EntryCodec byName(String name, ClassLoader loader) {
        EntryCodec found = null;
        for (EntryCodec codec : load(loader).providers) {
            if (codec.name().equals(name)) {
                if (found != null) {
                    throw new DuplicateCodecException("two codec providers are named '" + name + "': "
                            + found.getClass().getName() + " and " + codec.getClass().getName()
                            + "; remove one of them from the class path");
                }
                found = codec;
            }
        }
        if (found == null) {
            throw new CodecNotFoundException(name, notFoundMessage(name, loader));
        }
        return found;
    }

    /**
     * The names of every codec that loads, sorted.
     *
     * @return the names, from this class's loader; providers that fail to load are left out (and logged)
     */
    public static List<String> availableNames() {
        return availableNames(Codecs.class.getClassLoader());
    }

    /**
     * As {@link #availableNames()}, looking in {@code loader}.
     *
     * @param loader where {@link ServiceLoader} looks for providers
     * @return the names, sorted
     */
    public static List<String> availableNames(ClassLoader loader) {
        List<String> names = new ArrayList<>();
        for (EntryCodec codec : load(loader).providers) {
            names.add(codec.name());
        }
        Collections.sort(names);
        return names;
    }

    private static String notFoundMessage(String name, ClassLoader loader) {
        String module = KNOWN_MODULES.get(name);
        String hint = module != null
                ? "add the module " + module + " to the class path"
                : "add the jar that provides it (registered in META-INF/services/" + EntryCodec.class.getName() + ")";
        Loaded loaded = load(loader);
        String failures = loaded.failures.isEmpty() ? "" : "; providers that failed to load: " + loaded.failures;
        return "no codec named '" + name + "' is available (found: " + availableNames(loader) + "): " + hint + failures;
    }

    private static Loaded load(ClassLoader loader) {
        Loaded loaded = new Loaded(new ArrayList<>(), new ArrayList<>());
        Iterator<EntryCodec> iterator = ServiceLoader.load(EntryCodec.class, loader).iterator();
        // Bounded, in case a broken provider configuration makes the iterator fail without advancing.
        for (int attempts = 0; attempts < MAX_PROVIDER_ATTEMPTS; attempts++) {
            try {
                if (!iterator.hasNext()) {
                    return loaded;
                }
                loaded.providers.add(iterator.next());
            } catch (ServiceConfigurationError error) {
                // One broken jar must not hide the codecs of the others.
                LOG.log(System.Logger.Level.WARNING, "a codec provider failed to load and is ignored: " + error.getMessage(), error);
                loaded.failures.add(describe(error));
            }
        }
        return loaded;
    }

    /** The error and its causes' messages: "Provider X could not be instantiated" alone does not say why. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        int depth = 0;
        for (Throwable cause = error.getCause(); cause != null && depth < 5; cause = cause.getCause(), depth++) {
            text.append(": ").append(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName());
        }
        return text.toString();
    }

        private record Loaded(List<EntryCodec> providers, List<String> failures) {
        @Override
        public String toString() {
            return providers.toString();
        }
    }
}
