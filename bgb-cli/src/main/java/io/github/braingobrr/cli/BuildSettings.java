package io.github.braingobrr.cli;

import io.github.braingobrr.cache.CacheLayout;
import io.github.braingobrr.npy.NpzCompression;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options that say what a cache build makes, shared by {@code build-cache} and {@code preflight}. */
final class BuildSettings {
    @Option(
            names = "--preset",
            paramLabel = "P",
            converter = PreprocessCommand.PresetConverter.class,
            description = "seed or zero-phase (default: ${DEFAULT-VALUE}).")
    PreprocessCommand.Preset preset = PreprocessCommand.Preset.SEED;

    @Option(
            names = "--layout",
            paramLabel = "L",
            converter = LayoutConverter.class,
            description = "windows or continuous (default: windows).")
    CacheLayout layout = CacheLayout.WINDOWS;

    @Option(
            names = "--compression",
            paramLabel = "C",
            converter = CompressionConverter.class,
            description = "none or deflate (default: none, one window is one positional read).")
    NpzCompression compression = NpzCompression.STORED;

    static final class LayoutConverter implements ITypeConverter<CacheLayout> {
        @Override
        public CacheLayout convert(String value) {
            try {
                return CacheLayout.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a layout; use windows or continuous");
            }
        }
    }

    static final class CompressionConverter implements ITypeConverter<NpzCompression> {
        @Override
        public NpzCompression convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "none", "stored" -> NpzCompression.STORED;
                case "deflate", "deflated" -> NpzCompression.DEFLATED;
                default ->
                    throw new TypeConversionException("'" + value + "' is not a compression; use none or deflate");
            };
        }
    }
}
