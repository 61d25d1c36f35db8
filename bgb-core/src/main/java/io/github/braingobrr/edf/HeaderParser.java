package io.github.braingobrr.edf;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and validates the main and signal headers, and works out where the data records are. */
final class HeaderParser {
    private static final Pattern DATE = Pattern.compile("(\\d{2})(\\D)(\\d{2})(\\D)(\\d{2}|yy)");
    private static final Pattern TIME = Pattern.compile("(\\d{2})(\\D)(\\d{2})(\\D)(\\d{2})");
    private static final String BDF_MAGIC = "BIOSEMI";

    /** Everything the header says, plus the record layout derived from it. */
    record Layout(
            EdfFormat format,
            String version,
            String patientField,
            String recordingField,
            Optional<EdfPatient> patient,
            Optional<EdfRecording> recording,
            String startDateField,
            String startTimeField,
            Optional<LocalDateTime> startDateTime,
            long dataOffset,
            String reservedField,
            long recordCountField,
            int recordCount,
            String recordDurationField,
            BigDecimal recordDuration,
            List<EdfSignal> signals,
            int[] signalOffsets,
            int recordSize) {

        EdfHeader header(double startOffset) {
            return new EdfHeader(
                    format,
                    version,
                    patientField,
                    recordingField,
                    patient,
                    recording,
                    startDateField,
                    startTimeField,
                    startDateTime,
                    startOffset,
                    dataOffset,
                    reservedField,
                    recordCountField,
                    recordCount,
                    recordDurationField,
                    recordDuration.doubleValue(),
                    signals.size());
        }
    }

    private final ByteSource source;
    private final Diagnostics d;

    private HeaderParser(ByteSource source, Diagnostics d) {
        this.source = source;
        this.d = d;
    }

    static Layout parse(ByteSource source, Diagnostics d) throws IOException {
        return new HeaderParser(source, d).parse();
    }

    private Layout parse() throws IOException {
        long size = source.size();
        if (size < HeaderField.BLOCK) {
            throw d.error(
                    "header",
                    0,
                    null,
                    "the file is " + size + " bytes, shorter than the 256-byte EDF header; "
                            + "it is empty, truncated or not an EDF/BDF file");
        }
        byte[] fixed = new byte[HeaderField.BLOCK];
        source.read(0, ByteBuffer.wrap(fixed));
        boolean bdf = (fixed[0] & 0xff) == 0xff;
        String version = version(fixed, bdf);

        int ns = signalCount(fixed, size);
        byte[] sh = new byte[HeaderField.BLOCK * ns];
        source.read(HeaderField.BLOCK, ByteBuffer.wrap(sh));

        String patientField = field(fixed, HeaderField.PATIENT);
        String recordingField = field(fixed, HeaderField.RECORDING);
        String dateField = field(fixed, HeaderField.START_DATE);
        String timeField = field(fixed, HeaderField.START_TIME);
        String reserved = field(fixed, HeaderField.RESERVED);
        String headerBytesField = field(fixed, HeaderField.HEADER_BYTES);
        String recordCountText = field(fixed, HeaderField.RECORD_COUNT);
        String durationField = field(fixed, HeaderField.RECORD_DURATION);

        int bps = bdf ? 3 : 2;
        List<RawSignal> raw = new ArrayList<>(ns);
        for (int i = 0; i < ns; i++) {
            raw.add(signal(sh, ns, i, bdf));
        }
        boolean hasAnnotationSignal = raw.stream().anyMatch(r -> EdfSignal.isAnnotationLabel(r.label));
        boolean hasDataSignal = raw.stream().anyMatch(r -> !EdfSignal.isAnnotationLabel(r.label));
        EdfFormat format = format(reserved, bdf, hasAnnotationSignal);

        int[] offsets = new int[ns];
        long recordSize = 0;
        for (int i = 0; i < ns; i++) {
            if (recordSize > Integer.MAX_VALUE) {
                break;
            }
            offsets[i] = (int) recordSize;
            recordSize += (long) raw.get(i).samplesPerRecord * bps;
        }
        if (recordSize > Integer.MAX_VALUE) {
            throw d.error(
                    SignalField.SAMPLES_PER_RECORD.label,
                    SignalField.SAMPLES_PER_RECORD.offset(ns, 0),
                    null,
                    "the samples per record of all signals add up to a data record of more than 2 GiB; "
                            + "the header is corrupt");
        }

        long dataOffset = headerBytes(headerBytesField, ns, size);
        long recordCountField =
                integer(recordCountText, HeaderField.RECORD_COUNT.label, HeaderField.RECORD_COUNT.offset);
        if (recordCountField < -1) {
            throw d.error(
                    HeaderField.RECORD_COUNT.label,
                    HeaderField.RECORD_COUNT.offset,
                    recordCountText,
                    "must be -1 (unknown) or the number of data records");
        }
        int recordCount = recordCount(recordCountField, recordCountText, size - dataOffset, dataOffset, recordSize);

        BigDecimal duration =
                decimal(durationField, HeaderField.RECORD_DURATION.label, HeaderField.RECORD_DURATION.offset);
        if (duration.signum() < 0 || !Double.isFinite(duration.doubleValue())) {
            throw d.error(
                    HeaderField.RECORD_DURATION.label,
                    HeaderField.RECORD_DURATION.offset,
                    durationField,
                    "must be a non-negative number of seconds");
        }
        if (duration.signum() == 0 && hasDataSignal) {
            throw d.error(
                    HeaderField.RECORD_DURATION.label,
                    HeaderField.RECORD_DURATION.offset,
                    durationField,
                    "a record duration of 0 is allowed only in files that hold nothing but annotation signals; "
                            + "the sampling rates of this file's signals are undefined");
        }

        Optional<EdfPatient> patient = Subfields.parsePatient(patientField);
        Optional<EdfRecording> recording = Subfields.parseRecording(recordingField);
        if (format.isPlus()) {
            checkPlusSubfields(patientField, recordingField, patient, recording);
        }
        Optional<LocalDateTime> start = startDateTime(dateField, timeField, recording, format.isPlus());

        double durationSeconds = duration.doubleValue();
        List<EdfSignal> signals = new ArrayList<>(ns);
        for (int i = 0; i < ns; i++) {
            signals.add(raw.get(i).toSignal(i, durationSeconds, recordCount));
        }
        return new Layout(
                format,
                version,
                patientField,
                recordingField,
                patient,
                recording,
                dateField,
                timeField,
                start,
                dataOffset,
                reserved,
                recordCountField,
                recordCount,
                durationField,
                duration,
                List.copyOf(signals),
                offsets,
                (int) recordSize);
    }

    private String version(byte[] fixed, boolean bdf) throws EdfFormatException {
        if (bdf) {
            String magic = new String(fixed, 1, 7, StandardCharsets.ISO_8859_1);
            if (!magic.equals(BDF_MAGIC)) {
                throw d.error(
                        HeaderField.VERSION.label,
                        0,
                        magic,
                        "a BDF file starts with byte 0xFF and 'BIOSEMI'; " + "this is neither EDF nor BDF");
            }
            return BDF_MAGIC;
        }
        String v = field(fixed, HeaderField.VERSION);
        if (v.equals("0")) {
            return v;
        }
        if (v.strip().startsWith("0")) {
            d.warn(HeaderField.VERSION.label, 0, v, "should be '0' followed by spaces");
            return v;
        }
        throw d.error(
                HeaderField.VERSION.label,
                0,
                v,
                "an EDF file starts with '0' (a BDF file with 0xFF BIOSEMI); " + "this file is not EDF or BDF");
    }

    private int signalCount(byte[] fixed, long size) throws EdfFormatException {
        HeaderField f = HeaderField.SIGNAL_COUNT;
        String text = field(fixed, f);
        long ns = integer(text, f.label, f.offset);
        if (ns < 1) {
            throw d.error(f.label, f.offset, text, "a file needs at least one signal");
        }
        long needed = HeaderField.BLOCK * (ns + 1);
        if (size < needed) {
            throw d.error(
                    f.label,
                    f.offset,
                    text,
                    "the header of " + ns + " signals takes " + needed + " bytes, but the file has only " + size
                            + "; the file is truncated or the header is corrupt");
        }
        return (int) ns;
    }

    private long headerBytes(String text, int ns, long size) throws EdfFormatException {
        HeaderField f = HeaderField.HEADER_BYTES;
        long declared = integer(text, f.label, f.offset);
        long needed = HeaderField.BLOCK * (ns + 1L);
        if (declared == needed) {
            return declared;
        }
        if (declared < needed) {
            throw d.error(
                    f.label,
                    f.offset,
                    text,
                    "the header of " + ns + " signals takes " + needed
                            + " bytes; a smaller declared size would put the data records inside the signal headers");
        }
        if (declared > size) {
            throw d.error(
                    f.label,
                    f.offset,
                    text,
                    "the file has only " + size
                            + " bytes, fewer than its declared header; it is truncated or the field is wrong");
        }
        d.warn(
                f.label,
                f.offset,
                text,
                "the header of " + ns + " signals takes " + needed + " bytes; data records are read from byte "
                        + declared + " as declared");
        return declared;
    }

    private int recordCount(long declared, String text, long available, long dataOffset, long recordSize)
            throws EdfFormatException {
        HeaderField f = HeaderField.RECORD_COUNT;
        long full = available / recordSize;
        long rest = available % recordSize;
        long count;
        if (declared == -1) {
            count = full;
            if (rest != 0) {
                d.warn(
                        "data records",
                        dataOffset + full * recordSize,
                        null,
                        "the last data record is truncated (" + rest + " of " + recordSize + " bytes); it is ignored");
            }
        } else if (declared > full) {
            d.warn(
                    f.label,
                    f.offset,
                    text,
                    "declares " + declared + " data records, but the file holds only " + full
                            + " complete records of " + recordSize + " bytes"
                            + (rest != 0 ? " and a truncated one" : "")
                            + "; reading " + full);
            count = full;
        } else {
            count = declared;
            long extra = available - declared * recordSize;
            if (extra > 0) {
                d.warn(
                        "data records",
                        dataOffset + declared * recordSize,
                        null,
                        extra + " bytes follow the last declared data record; they are ignored");
            }
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw d.error(f.label, f.offset, text, "more than 2^31 data records cannot be indexed");
        }
        return (int) count;
    }

    private EdfFormat format(String reserved, boolean bdf, boolean hasAnnotationSignal) throws EdfFormatException {
        HeaderField f = HeaderField.RESERVED;
        EdfFormat format;
        String kind = reserved.length() >= 5 ? reserved.substring(0, 5) : reserved;
        boolean plusC = kind.equals("EDF+C") || kind.equals("BDF+C");
        boolean plusD = kind.equals("EDF+D") || kind.equals("BDF+D");
        if (plusC || plusD) {
            format = bdf
                    ? (plusD ? EdfFormat.BDF_PLUS_D : EdfFormat.BDF_PLUS_C)
                    : (plusD ? EdfFormat.EDF_PLUS_D : EdfFormat.EDF_PLUS_C);
            if (kind.startsWith(bdf ? "EDF" : "BDF") || reserved.length() > 5) {
                d.warn(f.label, f.offset, reserved, "should be exactly '" + format.reservedText() + "'");
            }
        } else if (reserved.startsWith("EDF+") || reserved.startsWith("BDF+")) {
            format = bdf ? EdfFormat.BDF_PLUS_C : EdfFormat.EDF_PLUS_C;
            d.warn(f.label, f.offset, reserved, "is neither EDF+C nor EDF+D; read as continuous");
        } else {
            format = bdf ? EdfFormat.BDF : EdfFormat.EDF;
            if (!reserved.isEmpty() && !(bdf && reserved.equals("24BIT"))) {
                d.warn(
                        f.label,
                        f.offset,
                        reserved,
                        "should be blank (or EDF+C/EDF+D); read as plain " + (bdf ? "BDF" : "EDF"));
            }
        }
        if (format.isPlus() && !hasAnnotationSignal) {
            d.warn(
                    f.label,
                    f.offset,
                    reserved,
                    "an EDF+/BDF+ file needs an '" + format.annotationLabel()
                            + "' signal; read as continuous without annotations");
        }
        return format;
    }

    private void checkPlusSubfields(
            String patientField, String recordingField, Optional<EdfPatient> patient, Optional<EdfRecording> recording)
            throws EdfFormatException {
        if (patient.isEmpty()) {
            d.warn(
                    HeaderField.PATIENT.label,
                    HeaderField.PATIENT.offset,
                    patientField,
                    "does not follow the EDF+ form 'code sex birthdate name'; its subfields are unavailable");
        }
        if (recording.isEmpty()) {
            d.warn(
                    HeaderField.RECORDING.label,
                    HeaderField.RECORDING.offset,
                    recordingField,
                    "does not follow the EDF+ form 'Startdate dd-MMM-yyyy admincode technician equipment'; "
                            + "its subfields are unavailable");
        } else if (!Subfields.recordingComplete(recordingField)) {
            d.warn(
                    HeaderField.RECORDING.label,
                    HeaderField.RECORDING.offset,
                    recordingField,
                    "lacks some of the EDF+ subfields admincode, technician, equipment; they read as unknown");
        }
    }

    private Optional<LocalDateTime> startDateTime(
            String dateField, String timeField, Optional<EdfRecording> recording, boolean plus)
            throws EdfFormatException {
        HeaderField df = HeaderField.START_DATE;
        HeaderField tf = HeaderField.START_TIME;
        Matcher dm = DATE.matcher(dateField);
        Matcher tm = TIME.matcher(timeField);
        if (!dm.matches()) {
            d.warn(df.label, df.offset, dateField, "must be dd.mm.yy; the start date is unknown");
            return Optional.empty();
        }
        if (!tm.matches()) {
            d.warn(tf.label, tf.offset, timeField, "must be hh.mm.ss; the start time is unknown");
            return Optional.empty();
        }
        if (!dm.group(2).equals(".") || !dm.group(4).equals(".")) {
            d.warn(df.label, df.offset, dateField, "separates day, month and year with something other than '.'");
        }
        if (!tm.group(2).equals(".") || !tm.group(4).equals(".")) {
            d.warn(
                    tf.label,
                    tf.offset,
                    timeField,
                    "separates hours, minutes and seconds with something other than '.'");
        }
        int day = Integer.parseInt(dm.group(1));
        int month = Integer.parseInt(dm.group(3));
        int yy = dm.group(5).equals("yy") ? -1 : Integer.parseInt(dm.group(5));
        Optional<LocalDate> recorded = recording.flatMap(EdfRecording::startdateValue);
        int year;
        if (recorded.isPresent()
                && recorded.get().getDayOfMonth() == day
                && recorded.get().getMonthValue() == month
                && (yy < 0 || recorded.get().getYear() % 100 == yy)) {
            year = recorded.get().getYear();
        } else {
            if (plus && recorded.isPresent()) {
                d.warn(
                        df.label,
                        df.offset,
                        dateField,
                        "disagrees with the Startdate of the recording field ("
                                + recording.get().startdate() + "); the header date is used");
            }
            if (yy < 0) {
                d.warn(
                        df.label,
                        df.offset,
                        dateField,
                        "year 'yy' needs the EDF+ Startdate in the recording field; " + "the start date is unknown");
                return Optional.empty();
            }
            year = yy >= 85 ? 1900 + yy : 2000 + yy;
        }
        try {
            return Optional.of(LocalDateTime.of(
                    year,
                    month,
                    day,
                    Integer.parseInt(tm.group(1)),
                    Integer.parseInt(tm.group(3)),
                    Integer.parseInt(tm.group(5))));
        } catch (DateTimeException e) {
            d.warn(
                    df.label,
                    df.offset,
                    dateField + " " + timeField,
                    "is not a valid date and time (" + e.getMessage() + "); the start date is unknown");
            return Optional.empty();
        }
    }

    /** One signal's header fields as text and parsed numbers, before the record count is known. */
    private record RawSignal(
            String label,
            String transducer,
            String unit,
            double physicalMin,
            double physicalMax,
            int digitalMin,
            int digitalMax,
            String prefilter,
            int samplesPerRecord,
            String reserved,
            String physicalMinField,
            String physicalMaxField,
            String digitalMinField,
            String digitalMaxField) {

        EdfSignal toSignal(int index, double recordDuration, int recordCount) {
            return new EdfSignal(
                    index,
                    label,
                    transducer,
                    unit,
                    physicalMin,
                    physicalMax,
                    digitalMin,
                    digitalMax,
                    prefilter,
                    samplesPerRecord,
                    reserved,
                    physicalMinField,
                    physicalMaxField,
                    digitalMinField,
                    digitalMaxField,
                    recordDuration > 0 ? samplesPerRecord / recordDuration : 0,
                    (long) samplesPerRecord * recordCount);
        }
    }

    private RawSignal signal(byte[] sh, int ns, int i, boolean bdf) throws EdfFormatException {
        String label = signalField(sh, ns, i, SignalField.LABEL);
        String pminText = signalField(sh, ns, i, SignalField.PHYSICAL_MIN);
        String pmaxText = signalField(sh, ns, i, SignalField.PHYSICAL_MAX);
        String dminText = signalField(sh, ns, i, SignalField.DIGITAL_MIN);
        String dmaxText = signalField(sh, ns, i, SignalField.DIGITAL_MAX);
        String sprText = signalField(sh, ns, i, SignalField.SAMPLES_PER_RECORD);
        long spr = integer(
                sprText, SignalField.SAMPLES_PER_RECORD.describe(i), SignalField.SAMPLES_PER_RECORD.offset(ns, i));
        if (spr < 1) {
            throw d.error(
                    SignalField.SAMPLES_PER_RECORD.describe(i),
                    SignalField.SAMPLES_PER_RECORD.offset(ns, i),
                    sprText,
                    "every signal needs at least one sample per data record");
        }
        double pmin;
        double pmax;
        long dmin;
        long dmax;
        if (EdfSignal.isAnnotationLabel(label)) {
            pmin = quietDecimal(pminText);
            pmax = quietDecimal(pmaxText);
            dmin = (long) quietDecimal(dminText);
            dmax = (long) quietDecimal(dmaxText);
        } else {
            pmin = physical(pminText, ns, i, SignalField.PHYSICAL_MIN);
            pmax = physical(pmaxText, ns, i, SignalField.PHYSICAL_MAX);
            dmin = integer(dminText, SignalField.DIGITAL_MIN.describe(i), SignalField.DIGITAL_MIN.offset(ns, i));
            dmax = integer(dmaxText, SignalField.DIGITAL_MAX.describe(i), SignalField.DIGITAL_MAX.offset(ns, i));
            checkRanges(ns, i, bdf, pmin, pmax, dmin, dmax, dmaxText, pmaxText);
        }
        return new RawSignal(
                label,
                signalField(sh, ns, i, SignalField.TRANSDUCER),
                signalField(sh, ns, i, SignalField.UNIT),
                pmin,
                pmax,
                (int) dmin,
                (int) dmax,
                signalField(sh, ns, i, SignalField.PREFILTER),
                (int) spr,
                signalField(sh, ns, i, SignalField.RESERVED),
                pminText,
                pmaxText,
                dminText,
                dmaxText);
    }

    private void checkRanges(
            int ns,
            int i,
            boolean bdf,
            double pmin,
            double pmax,
            long dmin,
            long dmax,
            String dmaxText,
            String pmaxText)
            throws EdfFormatException {
        SignalField dmaxField = SignalField.DIGITAL_MAX;
        if (dmin == dmax) {
            throw d.error(
                    dmaxField.describe(i),
                    dmaxField.offset(ns, i),
                    dmaxText,
                    "equals the digital minimum, so physical values cannot be computed");
        }
        long lo = bdf ? -(1L << 23) : Short.MIN_VALUE;
        long hi = bdf ? (1L << 23) - 1 : Short.MAX_VALUE;
        if (Math.min(dmin, dmax) < lo || Math.max(dmin, dmax) > hi) {
            d.warn(
                    dmaxField.describe(i),
                    dmaxField.offset(ns, i),
                    dmaxText,
                    "the digital range " + dmin + ".." + dmax + " exceeds what " + (bdf ? "24" : "16")
                            + "-bit samples can hold (" + lo + ".." + hi + ")");
        }
        if (dmin > dmax) {
            d.warn(
                    dmaxField.describe(i),
                    dmaxField.offset(ns, i),
                    dmaxText,
                    "is below the digital minimum; values are converted with the formula as written");
        }
        if (pmin == pmax) {
            d.warn(
                    SignalField.PHYSICAL_MAX.describe(i),
                    SignalField.PHYSICAL_MAX.offset(ns, i),
                    pmaxText,
                    "equals the physical minimum; every sample reads as " + pmin);
        }
    }

    private double physical(String text, int ns, int i, SignalField f) throws EdfFormatException {
        double v = decimal(text, f.describe(i), f.offset(ns, i)).doubleValue();
        if (!Double.isFinite(v)) {
            throw d.error(f.describe(i), f.offset(ns, i), text, "is too large to be a physical value");
        }
        return v;
    }

    private static double quietDecimal(String text) {
        String t = text.strip();
        return Decimals.DECIMAL.matcher(t).matches() ? new BigDecimal(t).doubleValue() : Double.NaN;
    }

    private long integer(String text, String field, long offset) throws EdfFormatException {
        String t = text.strip();
        if (Decimals.INTEGER.matcher(t).matches()) {
            return Long.parseLong(t);
        }
        if (Decimals.DECIMAL.matcher(t).matches()) {
            BigDecimal v = new BigDecimal(t);
            if (v.stripTrailingZeros().scale() <= 0 && v.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                d.warn(field, offset, text, "should be written as an integer");
                return v.longValueExact();
            }
        }
        throw d.error(field, offset, text, "must be an integer");
    }

    private BigDecimal decimal(String text, String field, long offset) throws EdfFormatException {
        String t = text.strip();
        if (Decimals.DECIMAL.matcher(t).matches()) {
            return new BigDecimal(t);
        }
        String dotted = t.replace(',', '.');
        if (Decimals.DECIMAL.matcher(dotted).matches()) {
            d.warn(field, offset, text, "uses ',' as the decimal separator");
            return new BigDecimal(dotted);
        }
        throw d.error(field, offset, text, "must be a decimal number");
    }

    private String field(byte[] fixed, HeaderField f) throws EdfFormatException {
        return text(fixed, f.offset, f.width, f.label, f.offset);
    }

    private String signalField(byte[] sh, int ns, int i, SignalField f) throws EdfFormatException {
        long offset = f.offset(ns, i);
        return text(sh, (int) (offset - HeaderField.BLOCK), f.width, f.describe(i), offset);
    }

    /** A header field without its trailing padding; bytes outside printable ASCII are a warning. */
    private String text(byte[] b, int off, int len, String field, long fileOffset) throws EdfFormatException {
        int end = off + len;
        while (end > off && (b[end - 1] == ' ' || b[end - 1] == 0)) {
            end--;
        }
        int bad = -1;
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 || c > 0x7e) {
                bad = i;
                break;
            }
        }
        if (bad < 0) {
            return new String(b, off, end - off, StandardCharsets.US_ASCII);
        }
        String value = decode(b, off, end - off);
        d.warn(
                field,
                fileOffset + (bad - off),
                value,
                String.format(
                        "byte 0x%02x at offset %d is not printable ASCII, which EDF header fields must be; "
                                + "the field is read as UTF-8 if valid, else ISO-8859-1, and padding is dropped",
                        b[bad] & 0xff, fileOffset + (bad - off)));
        return value;
    }

    private static String decode(byte[] b, int off, int len) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
    }
}
