package dev.jwal.api.error;

/** Two codec providers claim the same name, so choosing either would be a guess. */
public class DuplicateCodecException extends WalException {
    public DuplicateCodecException(String message) {
        super(message);
    }
}
