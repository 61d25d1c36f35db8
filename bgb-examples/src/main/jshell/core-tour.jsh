// A tour of bgb-core from JShell: a synthetic TUSZ-like corpus, one recording read lazily, the seed
// preprocessing, windows by category, and NumPy files written and read back.
//
//   ./bgb jshell bgb-examples/src/main/jshell/core-tour.jsh
//
// Everything is written under a new temporary folder (printed first).
import io.github.braingobrr.edf.*;
import io.github.braingobrr.npy.*;
import io.github.braingobrr.preprocess.*;
import io.github.braingobrr.synthetic.*;
import java.nio.file.*;
import java.time.Duration;

var dir = Files.createTempDirectory("bgb-tour");
System.out.println("writing under " + dir);

// 1. a corpus to play with: EDF files and their .csv / .csv_bi labels in TUSZ's layout
var corpus = SyntheticCorpus.builder().patients(2).minutesPerRecording(1.5).seed(42).writeTo(dir.resolve("edf"));
System.out.println("recordings: " + corpus.recordings().size());
var spec = corpus.recordings().stream().filter(s -> s.hasSeizures() && s.durationSeconds() >= 60).findFirst().orElseThrow();
System.out.println("with seizures: " + spec.stem() + " at " + spec.samplingRate() + " Hz, " + spec.durationSeconds() + " s");

// 2. one recording, lazily: the header now, samples on request
try (var edf = EdfFile.open(corpus.edfPath(spec))) {
    var fp1 = edf.dataSignals().get(0);
    float[] seconds = edf.readPhysical(fp1, Duration.ofSeconds(10), Duration.ofSeconds(2));
    System.out.println("signal '" + fp1.label() + "': " + seconds.length + " samples in 2 s, " + fp1.unit());
}

// 3. the seed preprocessing (19 channels, 256 Hz, filtered, z-scored) and its 60 s / 10 s windows
var recording = new Preprocessor(PreprocessingConfig.seed()).process(corpus.edfPath(spec));
System.out.println("preprocessed: " + recording.channelCount() + " x " + recording.sampleCount() + " at " + recording.samplingRate() + " Hz");
var windows = recording.windows(Windower.seed());
var byCategory = new java.util.TreeMap<String, Integer>();
for (var w : windows) byCategory.merge(w.category().toString(), 1, Integer::sum);
System.out.println("windows: " + windows.size() + " " + byCategory);

// 4. NumPy files: what np.load reads, written atomically
var npz = dir.resolve("first_window.npz");
float[][] first = new float[recording.channelCount()][windows.get(0).length()];
windows.get(0).copyTo(first);
try (var w = NpzWriter.create(npz)) {
    var flat = new float[first.length * first[0].length];
    for (int c = 0; c < first.length; c++) System.arraycopy(first[c], 0, flat, c * first[0].length, first[0].length);
    w.write("window", NpyArray.of(flat, first.length, first[0].length));
    w.write("channels", NpyArray.ofStrings(recording.channelNames().toArray(String[]::new)));
}
try (var r = NpzReader.open(npz)) {
    for (var e : r.entries()) System.out.println("npz member " + e.name() + " " + e.header());
}
/exit
