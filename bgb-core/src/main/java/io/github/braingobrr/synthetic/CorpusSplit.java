package io.github.braingobrr.synthetic;

/** A TUSZ split; its {@link #directory()} is the folder name under the corpus root. */
public enum CorpusSplit {
    TRAIN("train"),
    DEV("dev"),
    EVAL("eval");

    private final String directory;

    CorpusSplit(String directory) {
        this.directory = directory;
    }

    /** The folder name: {@code train}, {@code dev} or {@code eval}. */
    public String directory() {
        return directory;
    }
}
