package dev.jwal.api.error;

/** No codec of the requested name is on the class path or module path. */
public class CodecNotFoundException extends WalException {
    private final String codecName;

    public CodecNotFoundException(String codecName, String message) {
        super(message);
        this.codecName = codecName;
    }

    public String codecName() {
        return codecName;
    }
}
