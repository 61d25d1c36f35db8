// A tour of the window cache from JShell: a synthetic TUSZ-like corpus, the cache built from it, the manifests,
// single windows read on their own, and a balanced batch as a training loop gets it.
//
//   ./bgb jshell bgb-examples/src/main/jshell/cache-tour.jsh
//
// Everything is written under a new temporary folder (printed first).
import io.github.braingobrr.cache.*;
import io.github.braingobrr.cache.sampling.*;
import io.github.braingobrr.preprocess.*;
import io.github.braingobrr.synthetic.*;
import java.nio.file.*;

var dir = Files.createTempDirectory("bgb-cache-tour");
System.out.println("writing under " + dir);

// 1. a corpus with seizures in every recording, some long enough to fill whole 60 s windows
var corpus = SyntheticCorpus.builder().patients(2).minutesPerRecording(4).seizureFraction(1).seed(2026).writeTo(dir.resolve("edf"));
System.out.println("recordings: " + corpus.recordings().size());

// 2. the cache: the seed preprocessing, 60 s windows every 10 s, one .npz per recording, a manifest per split
var built = CacheBuilder.from(corpus.root()).to(dir.resolve("cache")).workers(2).build();
for (var s : built.splits()) System.out.println("built " + s.split() + ": " + s.built() + " cache files, " + s.counts());

// 3. the manifests, as the Python training code reads them: windows per category, and per cache file
var cache = Cache.open(dir.resolve("cache"));
var train = cache.split("train");
var manifest = train.manifest();
for (var f : manifest.files()) System.out.println("  " + f.cacheFile() + ": " + f.windows() + " windows, " + f.counts());

// 4. single windows: the first full-seizure window, [channel][sample], and its 0/1 labels
var ref = manifest.windows(WindowCategory.FULL_SEIZURE).get(0);
try (var reader = train.open(ref.cacheFile())) {
    float[][] x = reader.readSignals(ref.windowIdx());
    float[] y = reader.readLabels(ref.windowIdx());
    int seizure = 0;
    for (float v : y) seizure += v > 0 ? 1 : 0;
    System.out.println("window " + ref + ": " + x.length + " x " + x[0].length + ", " + seizure + " of " + y.length + " samples in a seizure");
}

// 5. the balanced training set (the Python system's recipe and seed) and its first batch, read ahead
var sample = BalancedSampler.defaults().sample(manifest);
System.out.println(sample);
try (var batches = sample.batches(train).batchSize(16).open()) {
    var batch = batches.nextBatch();
    int withSeizure = 0;
    for (int b = 0; b < batch.size(); b++) {
        float any = 0;
        for (float v : batch.labels(b)) any = Math.max(any, v);
        withSeizure += any > 0 ? 1 : 0;
    }
    System.out.println("first batch: " + batch.size() + " x " + batch.channels() + " x " + batch.length() + ", " + withSeizure + " windows with a seizure");
    System.out.println("of " + batches.batchCount() + " batches; " + batches.stats());
}
cache.close();
/exit
