package dev.jwal.cli;

import dev.jwal.api.config.RecoveryMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --recovery}: {@code strict}, {@code truncate-torn-tail} or {@code skip-corrupt}. */
final class RecoveryModeConverter implements ITypeConverter<RecoveryMode> {
    @Override
    public RecoveryMode convert(String value) {
        try {
            return RecoveryMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
