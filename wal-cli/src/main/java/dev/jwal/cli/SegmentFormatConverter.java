package dev.jwal.cli;

import dev.jwal.api.config.SegmentFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --format}: {@code lines} or {@code framed}. */
final class SegmentFormatConverter implements ITypeConverter<SegmentFormat> {
    @Override
    public SegmentFormat convert(String value) {
        try {
            return SegmentFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
