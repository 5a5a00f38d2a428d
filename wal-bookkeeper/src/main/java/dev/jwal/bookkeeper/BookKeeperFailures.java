package dev.jwal.bookkeeper;

import dev.jwal.api.error.WalException;
import dev.jwal.api.error.WalFencedException;
import dev.jwal.api.error.WalIOException;
import org.apache.bookkeeper.client.api.BKException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what the BookKeeper client throws into jwal's typed exceptions. Stateless. */
final class BookKeeperFailures {

    private BookKeeperFailures() {
    }

    /** The failure under {@link CompletionException} and {@link ExecutionException} wrappers. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The BookKeeper error code of {@code failure}, or 0 if it is not a BookKeeper exception. */
    static int code(Throwable failure) {
        return unwrap(failure) instanceof BKException bk ? bk.getCode() : 0;
    }

    /** Whether the ledger was fenced: another writer recovered it. */
    static boolean fenced(Throwable failure) {
        return code(failure) == BKException.Code.LedgerFencedException;
    }

    /** Whether the ledger does not exist (any more). */
    static boolean noSuchLedger(Throwable failure) {
        int code = code(failure);
        return code == BKException.Code.NoSuchLedgerExistsException
                || code == BKException.Code.NoSuchLedgerExistsOnMetadataServerException;
    }

    /**
     * The typed exception for a failed operation: {@link WalFencedException} if another writer fenced this one,
     * else a {@link WalIOException} naming the operation and the ledger.
     *
     * @param operation what was being done, e.g. {@code "appending"}
     * @param place     the log and ledger, e.g. {@code orders/ledger-12}
     */
    static WalException of(String operation, Path place, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof WalException wal) {
            return wal;
        }
        if (fenced(cause)) {
            return new WalFencedException("another writer opened the log and fenced " + place + " while "
                    + operation + ": this writer acknowledges nothing more and must be closed", cause);
        }
        IOException io = cause instanceof IOException e ? e : new IOException(cause.getMessage(), cause);
        return new WalIOException(operation, place, io);
    }
}
