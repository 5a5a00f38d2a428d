package dev.jwal.cli;

import dev.jwal.api.config.SyncPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --sync}: {@code every-write}, {@code periodic:N}, {@code interval:MS} or {@code manual}. */
final class SyncPolicyConverter implements ITypeConverter<SyncPolicy> {
    @Override
    public SyncPolicy convert(String value) {
        try {
            return SyncPolicy.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
