package dev.jwal.api.error;

/** Two codec providers claim the same name, so choosing either would be a guess. */
public class DuplicateCodecException extends WalException {
    /**
     * Two providers with one name.
     *
     * @param message the name and both provider classes
     */
    public DuplicateCodecException(String message) {
        super(message);
    }
}
