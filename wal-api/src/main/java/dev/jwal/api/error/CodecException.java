package dev.jwal.api.error;

/**
 * A codec could not decode a payload: the bytes are not an entry it wrote.
 * The log turns it into a {@link CorruptLogException} that says where the bytes were.
 * Also thrown by a codec that cannot work in this runtime, for instance with a
 * library it needs at an unsupported version (the message names the versions).
 */
public class CodecException extends WalException {
    /**
     * A codec failure without an underlying exception.
     *
     * @param message what is wrong, with the numbers
     */
    public CodecException(String message) {
        super(message);
    }

    /**
     * A codec failure caused by another exception.
     *
     * @param message what is wrong, with the numbers
     * @param cause   the underlying failure, may be null
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
