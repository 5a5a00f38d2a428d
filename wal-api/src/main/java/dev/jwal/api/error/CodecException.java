package dev.jwal.api.error;

/**
 * A codec could not decode a payload: the bytes are not an entry it wrote.
 * The log turns it into a {@link CorruptLogException} that says where the bytes were.
 */
public class CodecException extends WalException {
    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
