package dev.jwal.api.error;

/**
 * A thread waiting in a blocking call that cannot throw {@link InterruptedException} (a
 * {@link dev.jwal.api.FollowCursor}'s {@code hasNext} or {@code next}) was interrupted. The thread's
 * interrupt flag is set again before this is thrown, and what the call waited for is left as it was: the
 * call may be made again.
 */
public class WalInterruptedException extends WalException {
    /**
     * An interrupted wait.
     *
     * @param message what was waited for
     * @param cause   the {@link InterruptedException} that ended the wait
     */
    public WalInterruptedException(String message, InterruptedException cause) {
        super(message, cause);
    }
}
