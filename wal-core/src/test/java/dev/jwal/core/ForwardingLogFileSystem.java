package dev.jwal.core;

import dev.jwal.core.io.LogFileSystem;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link LogFileSystem} that hands every call to another: tests extend it and override the calls whose
 * behaviour they change (a failing rename, a force held on a latch).
 */
abstract class ForwardingLogFileSystem implements LogFileSystem {
    private final LogFileSystem delegate;

    ForwardingLogFileSystem(LogFileSystem delegate) {
        this.delegate = delegate;
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        delegate.createDirectories(directory);
    }

    @Override
    public AppendableFile createNew(Path file, byte[] header) throws IOException {
        return delegate.createNew(file, header);
    }

    @Override
    public AppendableFile openForAppend(Path file) throws IOException {
        return delegate.openForAppend(file);
    }

    @Override
    public void replaceAtomically(Path file, byte[] content) throws IOException {
        delegate.replaceAtomically(file, content);
    }

    @Override
    public AppendableFile createFile(Path file) throws IOException {
        return delegate.createFile(file);
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        delegate.rename(source, target);
    }

    @Override
    public void truncate(Path file, long size) throws IOException {
        delegate.truncate(file, size);
    }

    @Override
    public void rewriteInPlace(Path file, long length) throws IOException {
        delegate.rewriteInPlace(file, length);
    }

    @Override
    public void delete(Path file) throws IOException {
        delegate.delete(file);
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        delegate.forceDirectory(directory);
    }
}
