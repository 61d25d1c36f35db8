package io.github.braingobrr.cli;

import io.github.braingobrr.edf.EdfAnnotation;
import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfHeader;
import io.github.braingobrr.edf.EdfOptions;
import io.github.braingobrr.edf.EdfSegment;
import io.github.braingobrr.edf.EdfSignal;
import io.github.braingobrr.edf.EdfWarning;
import io.github.braingobrr.montage.ChannelNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bgb edf info}: everything the header and the annotations say. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = {
            "Show an EDF/EDF+/BDF file's header, signals (label, normalized name, unit, rate, ranges),"
                    + " record segments (EDF+D gaps), annotations and the deviations from the specification"
                    + " that were tolerated.",
            "Only the header and the annotation signal are read."
        })
final class EdfInfoCommand extends CommandBase {
    @Parameters(paramLabel = "FILE", description = "The EDF, EDF+ or BDF file.")
    Path file;

    @Option(names = "--json", description = "Print the information as JSON.")
    boolean json;

    @Option(names = "--strict", description = "Fail on any deviation from the specification instead of warning.")
    boolean strict;

    @Override
    public Integer call() throws IOException {
        try (EdfFile edf = EdfFile.open(file, strict ? EdfOptions.STRICT : EdfOptions.LENIENT)) {
            if (json) {
                printJson(info(edf));
            } else {
                print(edf, out());
            }
        }
        return 0;
    }

    /** {@link EdfFile#info()} with each signal's normalized name and 10-20 electrode added. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> info(EdfFile edf) throws IOException {
        Map<String, Object> info = new LinkedHashMap<>(edf.info());
        List<Map<String, Object>> signals = new ArrayList<>();
        for (Object o : (List<?>) info.get("signals")) {
            Map<String, Object> s = new LinkedHashMap<>((Map<String, Object>) o);
            String label = (String) s.get("label");
            boolean annotation = (Boolean) s.get("annotation");
            s.put("normalizedName", annotation ? null : ChannelNames.normalize(label));
            s.put("electrode", annotation ? null : ChannelNames.canonical(label).orElse(null));
            signals.add(s);
        }
        info.put("signals", signals);
        return info;
    }

    private static void print(EdfFile edf, PrintWriter out) throws IOException {
        EdfHeader h = edf.header();
        out.println(edf.name());
        out.printf(
                Locale.ROOT,
                "  format      %s (version '%s'), %d signals, %d records of %s s = %s s recorded%n",
                h.format(),
                h.version(),
                h.signalCount(),
                h.recordCount(),
                h.recordDurationField(),
                Table.number(h.recordedDuration()));
        if (h.recordCountField() != h.recordCount()) {
            out.printf(Locale.ROOT, "  records     the header says %d%n", h.recordCountField());
        }
        out.printf(
                Locale.ROOT,
                "  start       %s %s%s%n",
                h.startDateField(),
                h.startTimeField(),
                h.recordingStart().map(t -> " = " + t).orElse(" (invalid)"));
        out.printf("  patient     %s%n", h.patientField());
        out.printf("  recording   %s%n", h.recordingField());
        List<EdfSegment> segments = edf.segments();
        if (segments.size() > 1 || h.format().isDiscontinuous()) {
            out.printf(Locale.ROOT, "segments (%d)%n", segments.size());
            for (EdfSegment s : segments) {
                out.printf(
                        Locale.ROOT,
                        "  records %d-%d  %s s to %s s%n",
                        s.firstRecord(),
                        s.firstRecord() + s.recordCount() - 1,
                        Table.number(s.onset()),
                        Table.number(s.end()));
            }
        }
        Table signals = new Table("#", "label", "name", "unit", "rate Hz", "samples", "physical", "digital");
        for (EdfSignal s : edf.signals()) {
            if (s.isAnnotation()) {
                signals.row(String.valueOf(s.index()), s.label(), "(annotations)", "", "", "", "", "");
            } else {
                signals.row(
                        String.valueOf(s.index()),
                        s.label(),
                        ChannelNames.canonical(s.label()).orElse(ChannelNames.normalize(s.label())),
                        s.unit(),
                        Table.number(s.samplingRate()),
                        String.valueOf(s.sampleCount()),
                        s.physicalMinField() + " .. " + s.physicalMaxField(),
                        s.digitalMinField() + " .. " + s.digitalMaxField());
            }
        }
        out.println("signals");
        signals.print(out);
        List<EdfAnnotation> annotations = edf.annotations();
        out.printf(Locale.ROOT, "annotations (%d)%n", annotations.size());
        Table a = new Table("onset s", "duration s", "text");
        for (EdfAnnotation x : annotations) {
            a.row(
                    Table.number(x.onset()),
                    x.duration().isPresent() ? Table.number(x.duration().getAsDouble()) : "-",
                    x.text());
        }
        if (!annotations.isEmpty()) {
            a.print(out);
        }
        List<EdfWarning> warnings = edf.warnings();
        out.printf(Locale.ROOT, "warnings (%d)%n", warnings.size());
        for (EdfWarning w : warnings) {
            out.println("  " + w);
        }
        out.flush();
    }
}
