package dev.jwal.testkit;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The entries of one directory as they are now and as a power loss would leave
 * them: the names present at its last completed directory force, each with the
 * file it named then. Guarded by the file system's monitor.
 */
final class DirectoryState {
    private final Path path;
    private final Map<String, Inode> current = new HashMap<>();
    private Map<String, Inode> durable = new HashMap<>();

    DirectoryState(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** Names now, each with its file. */
    Map<String, Inode> current() {
        return current;
    }

    /** Names as the last completed directory force left them. */
    Map<String, Inode> durable() {
        return durable;
    }

    /** A file that was there before the simulation saw it: taken as durable, name and bytes. */
    Inode adopt(String name, long length) {
        Inode inode = new Inode(length);
        current.put(name, inode);
        durable.put(name, inode);
        return inode;
    }

    /** Whether a power loss could bring {@code inode} back under some name. */
    boolean durablyNamed(Inode inode) {
        return durable.containsValue(inode);
    }

    /** Whether some name on disk holds {@code inode} now. */
    boolean currentlyNamed(Inode inode) {
        return current.containsValue(inode);
    }

    /** A completed directory force: every entry as it is now survives a power loss. */
    void forced() {
        durable = new HashMap<>(current);
    }
}
