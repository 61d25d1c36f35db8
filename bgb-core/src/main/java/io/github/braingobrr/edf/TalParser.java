package io.github.braingobrr.edf;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Parses the time-stamped annotation lists (TALs) of one record's annotation signal:
 * {@code ±onset [0x15 duration] 0x14 (text 0x14)* 0x00}, several per record, the rest padded with 0x00.
 */
final class TalParser {
    private static final byte NUL = 0;
    private static final byte TEXT_END = 0x14;
    private static final byte DURATION_MARK = 0x15;
    private static final Pattern ONSET = Pattern.compile("[+-]\\d+(\\.\\d*)?");
    private static final Pattern UNSIGNED = Pattern.compile("\\d+(\\.\\d*)?");

    /** One TAL. The time-keeping TAL of a record is the first one, with an empty first text. */
    record Tal(BigDecimal onset, OptionalDouble duration, List<String> texts) {
        boolean isTimeKeeping() {
            return !texts.isEmpty() && texts.get(0).isEmpty();
        }
    }

    private TalParser() {}

    /**
     * Parses {@code len} annotation bytes of record {@code record}; {@code fileOffset} is the position of
     * {@code b[0]} in the file, for messages. Malformed TALs are warnings; parsing of the record stops there.
     */
    static List<Tal> parse(byte[] b, int len, long fileOffset, int record, Diagnostics d) throws EdfFormatException {
        String field = "record " + record + " annotations";
        List<Tal> out = new ArrayList<>();
        int i = 0;
        while (i < len) {
            if (b[i] == NUL) {
                i++;
                continue;
            }
            int start = i;
            int j = scan(b, start, len);
            if (j >= len || b[j] == NUL) {
                d.warn(
                        field,
                        fileOffset + start,
                        ascii(b, start, j),
                        "a TAL onset is not followed by 0x14; " + "the rest of this record's annotations is skipped");
                break;
            }
            BigDecimal onset = onset(ascii(b, start, j), field, fileOffset + start, d);
            if (onset == null) {
                break;
            }
            OptionalDouble duration = OptionalDouble.empty();
            if (b[j] == DURATION_MARK) {
                int k = scan(b, j + 1, len);
                if (k >= len || b[k] != TEXT_END) {
                    d.warn(
                            field,
                            fileOffset + start,
                            ascii(b, start, Math.min(k, len)),
                            "a TAL duration is not "
                                    + "followed by 0x14; the rest of this record's annotations is skipped");
                    break;
                }
                String text = ascii(b, j + 1, k);
                if (UNSIGNED.matcher(text).matches()) {
                    duration = OptionalDouble.of(Double.parseDouble(text));
                } else {
                    d.warn(
                            field,
                            fileOffset + j + 1,
                            text,
                            "a TAL duration must be an unsigned decimal; "
                                    + "the annotation is kept without a duration");
                }
                j = k;
            }
            List<String> texts = new ArrayList<>();
            int p = j + 1;
            boolean terminated = false;
            while (p < len) {
                if (b[p] == NUL) {
                    terminated = true;
                    p++;
                    break;
                }
                int q = p;
                while (q < len && b[q] != TEXT_END && b[q] != NUL) {
                    q++;
                }
                if (q >= len) {
                    break;
                }
                texts.add(utf8(b, p, q, field, fileOffset, d));
                if (b[q] == NUL) {
                    d.warn(field, fileOffset + q, null, "an annotation text ends with 0x00 instead of 0x14 0x00");
                    terminated = true;
                }
                p = q + 1;
                if (terminated) {
                    break;
                }
            }
            if (!terminated) {
                d.warn(
                        field,
                        fileOffset + start,
                        null,
                        "a TAL runs to the end of the record's annotation bytes "
                                + "without its closing 0x00; the texts read so far are kept");
            }
            out.add(new Tal(onset, duration, List.copyOf(texts)));
            i = p;
        }
        return out;
    }

    private static int scan(byte[] b, int from, int len) {
        int j = from;
        while (j < len && b[j] != TEXT_END && b[j] != DURATION_MARK && b[j] != NUL) {
            j++;
        }
        return j;
    }

    private static BigDecimal onset(String text, String field, long offset, Diagnostics d) throws EdfFormatException {
        if (ONSET.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        if (UNSIGNED.matcher(text).matches()) {
            d.warn(field, offset, text, "a TAL onset must start with '+' or '-'; read as positive");
            return new BigDecimal(text);
        }
        d.warn(
                field,
                offset,
                text,
                "a TAL onset must be '+' or '-' followed by a decimal number; "
                        + "the rest of this record's annotations is skipped");
        return null;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static String utf8(byte[] b, int from, int to, String field, long fileOffset, Diagnostics d)
            throws EdfFormatException {
        CharsetDecoder dec = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = dec.decode(ByteBuffer.wrap(b, from, to - from));
            return cb.toString();
        } catch (CharacterCodingException e) {
            String text = new String(b, from, to - from, StandardCharsets.UTF_8);
            d.warn(
                    field,
                    fileOffset + from,
                    text,
                    "annotation text is not valid UTF-8; " + "invalid bytes are replaced by U+FFFD");
            return text;
        }
    }
}
