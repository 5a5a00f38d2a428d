package dev.jwal.api.error;

/** No codec of the requested name is on the class path or module path. */
public class CodecNotFoundException extends WalException {
    /** The codec name that was asked for. */
    private final String codecName;

    /**
     * A codec that could not be found.
     *
     * @param codecName the name asked for
     * @param message   what was found instead and which module to add
     */
    public CodecNotFoundException(String codecName, String message) {
        super(message);
        this.codecName = codecName;
    }

    /**
     * The name that was asked for.
     *
     * @return the codec name
     */
    public String codecName() {
        return codecName;
    }
}
