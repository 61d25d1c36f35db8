package io.github.braingobrr.npy;

/**
 * One member of a {@code .npz} archive, as listed by {@link NpzReader#entries()}.
 *
 * @param name the key NumPy uses ({@code "windows"} for the member {@code windows.npy})
 * @param fileName the member's file name in the zip ({@code "windows.npy"})
 * @param compression how the member is stored
 * @param compressedSize bytes the member occupies in the archive
 * @param size bytes of the member's {@code .npy} data (header and elements)
 * @param crc32 the CRC-32 recorded in the archive
 * @param offset where the member's data starts in the archive
 * @param dataOffset where the array elements start in the archive for STORED members, -1 for DEFLATED
 * @param header the array's dtype, shape and order; null for members that are not {@code .npy} files
 */
public record NpzEntry(
        String name,
        String fileName,
        NpzCompression compression,
        long compressedSize,
        long size,
        long crc32,
        long offset,
        long dataOffset,
        NpyHeader header) {

    /** Whether the member is a {@code .npy} array (its name ends in {@code .npy}). */
    public boolean isArray() {
        return header != null;
    }
}
