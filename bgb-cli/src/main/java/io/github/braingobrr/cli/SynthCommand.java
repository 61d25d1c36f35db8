package io.github.braingobrr.cli;

import io.github.braingobrr.synthetic.CorpusSplit;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticCorpusConfig;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bgb synth}: a synthetic TUSZ-like corpus. */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = {
            "Write a synthetic TUSZ-like corpus: EDF recordings with planted seizures and their .csv / .csv_bi"
                    + " label files, in TUSZ's layout (train/, dev/, eval/ -> patient -> session -> montage)."
                    + " The same options always give the same files.",
            "Each file is written atomically; an interrupted run leaves only complete files."
        })
final class SynthCommand extends CommandBase {
    private static final SyntheticCorpusConfig DEFAULTS =
            SyntheticCorpusConfig.builder().build();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The corpus root (created if missing).")
    Path root;

    @Option(names = "--patients", paramLabel = "N", description = "Patients (default: ${DEFAULT-VALUE}).")
    int patients = DEFAULTS.patients();

    @Option(
            names = "--recordings",
            paramLabel = "K",
            description = "Recordings (EDF files) per patient (default: ${DEFAULT-VALUE}).")
    int recordings = DEFAULTS.recordingsPerPatient();

    @Option(
            names = "--minutes",
            paramLabel = "M",
            description = "Nominal minutes per recording, +-20 %% (default: ${DEFAULT-VALUE}).")
    double minutes = DEFAULTS.minutesPerRecording();

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the whole corpus (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--json", description = "Print a summary of the corpus as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        SyntheticCorpusConfig config;
        try {
            config = SyntheticCorpusConfig.builder()
                    .patients(patients)
                    .recordingsPerPatient(recordings)
                    .minutesPerRecording(minutes)
                    .seed(seed)
                    .build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        int planned = config.plan().size();
        SyntheticCorpus corpus;
        try (Progress progress = progress("synth", planned, "files")) {
            corpus = SyntheticCorpus.write(config, root, spec -> {
                progress.message(spec.stem());
                progress.step();
            });
        }
        Map<String, Object> splits = new LinkedHashMap<>();
        for (CorpusSplit split : CorpusSplit.values()) {
            List<SyntheticRecordingSpec> specs = corpus.recordings(split);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("patients", corpus.patients(split));
            s.put("recordings", specs.size());
            s.put(
                    "withSeizures",
                    specs.stream().filter(SyntheticRecordingSpec::hasSeizures).count());
            s.put("seizures", specs.stream().mapToInt(x -> x.seizures().size()).sum());
            s.put(
                    "seconds",
                    specs.stream()
                            .mapToLong(SyntheticRecordingSpec::durationSeconds)
                            .sum());
            splits.put(split.directory(), s);
        }
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("root", root.toString());
            m.put("recordings", corpus.recordings().size());
            m.put("totalSeconds", corpus.totalSeconds());
            m.put("seed", seed);
            m.put("splits", splits);
            printJson(m);
        } else {
            var out = out();
            out.printf(
                    Locale.ROOT,
                    "wrote %d recordings (%s min of EEG) with their .csv and .csv_bi labels under %s%n",
                    corpus.recordings().size(),
                    Table.number(Math.round(corpus.totalSeconds() / 6.0) / 10.0),
                    root);
            Table t = new Table("split", "patients", "recordings", "with seizures", "seizures", "minutes");
            splits.forEach((name, o) -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> s = (Map<String, Object>) o;
                t.row(
                        name,
                        String.valueOf(((List<?>) s.get("patients")).size()),
                        String.valueOf(s.get("recordings")),
                        String.valueOf(s.get("withSeizures")),
                        String.valueOf(s.get("seizures")),
                        Table.number(Math.round((Long) s.get("seconds") / 6.0) / 10.0));
            });
            t.print(out);
            out.flush();
        }
        return 0;
    }
}
