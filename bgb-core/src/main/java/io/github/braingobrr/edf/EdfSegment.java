package io.github.braingobrr.edf;

/**
 * A run of data records that follow each other without a gap in time.
 *
 * <p>A continuous file has one segment; an EDF+D file has one more per gap. Sample indexes in {@link
 * EdfFile} count stored samples, so a segment's samples for a signal start at {@link #firstSample(EdfSignal)}.
 *
 * @param firstRecord index of the segment's first data record
 * @param recordCount number of records in the segment
 * @param onset seconds from the header start date/time to the segment's first sample
 * @param duration seconds covered by the segment
 */
public record EdfSegment(int firstRecord, int recordCount, double onset, double duration) {

    /** Seconds from the header start date/time to the end of the segment. */
    public double end() {
        return onset + duration;
    }

    /** The stored-sample index of the segment's first sample of {@code signal}. */
    public long firstSample(EdfSignal signal) {
        return (long) firstRecord * signal.samplesPerRecord();
    }

    /** The number of samples of {@code signal} in the segment. */
    public long sampleCount(EdfSignal signal) {
        return (long) recordCount * signal.samplesPerRecord();
    }
}
