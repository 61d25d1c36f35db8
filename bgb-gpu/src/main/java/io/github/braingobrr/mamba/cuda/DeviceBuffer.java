package io.github.braingobrr.mamba.cuda;

/**
 * A device allocation of {@code floats} float32 elements at {@code address}.
 *
 * @param address the device address
 * @param floats the capacity in elements
 */
record DeviceBuffer(long address, long floats) {
    /** The device address of element {@code offset}. */
    long at(long offset) {
        return address + 4L * offset;
    }
}
