package io.github.braingobrr.edf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the data records of a file through read-only memory maps (each at most 1 GiB and holding whole
 * records, so no read crosses a map); header reads still go through the channel. The maps are released by the
 * garbage collector after {@link #close()}, never unmapped by force, so a late read cannot crash the JVM.
 */
final class MappedSource extends ByteSource {
    private static final Logger LOG = LoggerFactory.getLogger(MappedSource.class);
    private static final long MAX_MAP = 1L << 30;

    private final ChannelSource channel;
    private final long dataOffset;
    private final long chunkBytes;
    private final ByteBuffer[] bytes;
    private final ShortBuffer[] shorts;

    private MappedSource(ChannelSource channel, long dataOffset, long chunkBytes, ByteBuffer[] bytes) {
        this.channel = channel;
        this.dataOffset = dataOffset;
        this.chunkBytes = chunkBytes;
        this.bytes = bytes;
        this.shorts = new ShortBuffer[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            shorts[i] = bytes[i].asShortBuffer();
        }
    }

    /** Maps the data records of a file channel, or returns the channel source itself when mapping fails. */
    static ByteSource over(ChannelSource source, long dataOffset, int recordSize, int recordCount) {
        if (!(source.channel() instanceof FileChannel fc) || recordCount == 0) {
            return source;
        }
        long recordsPerMap = Math.max(1, Math.min(recordCount, MAX_MAP / recordSize));
        long chunkBytes = recordsPerMap * recordSize;
        int maps = (int) ((recordCount + recordsPerMap - 1) / recordsPerMap);
        ByteBuffer[] buffers = new ByteBuffer[maps];
        long total = (long) recordCount * recordSize;
        try {
            for (int i = 0; i < maps; i++) {
                long start = i * chunkBytes;
                long len = Math.min(chunkBytes, total - start);
                MappedByteBuffer m = fc.map(FileChannel.MapMode.READ_ONLY, dataOffset + start, len);
                buffers[i] = m.order(ByteOrder.LITTLE_ENDIAN);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("memory-mapping failed, reading through the channel instead", e);
            return source;
        }
        return new MappedSource(source, dataOffset, chunkBytes, buffers);
    }

    @Override
    long size() throws IOException {
        return channel.size();
    }

    @Override
    void read(long position, ByteBuffer dst) throws IOException {
        channel.read(position, dst);
    }

    @Override
    void readBytes(long position, byte[] dst, int off, int n) {
        long rel = position - dataOffset;
        int map = (int) (rel / chunkBytes);
        bytes[map].get((int) (rel - map * chunkBytes), dst, off, n);
    }

    @Override
    void readInt16(long position, short[] dst, int off, int n) {
        long rel = position - dataOffset;
        int map = (int) (rel / chunkBytes);
        shorts[map].get((int) ((rel - map * chunkBytes) >> 1), dst, off, n);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
