package io.github.braingobrr.edf;

import java.util.List;

/**
 * Facts about the third-party files under ../shared/testdata/edf, transcribed from
 * ../shared/testdata/README.md (computed there by an independent parser and cross-checked with MNE).
 */
final class ReferenceFacts {
    private ReferenceFacts() {}

    /** One row of the README's header table and first-channel table. */
    record FileFacts(
            String path,
            long bytes,
            String reserved,
            int signals,
            int records,
            String duration,
            String start,
            double[] rates,
            List<String> firstLabels,
            int annotations,
            Channel0 channel0) {}

    /** The README's facts about the first data channel; null for the annotation-only file. */
    record Channel0(
            String label,
            String unit,
            String physicalMin,
            String physicalMax,
            int digitalMin,
            int digitalMax,
            long samples,
            int[] digital,
            double[] physical) {}

    /** One annotation from the README: raw onset, duration (NaN when none), text. */
    record Ann(double onset, double duration, String text) {}

    static final double NONE = Double.NaN;

    private static double[] d(double... v) {
        return v;
    }

    private static int[] i(int... v) {
        return v;
    }

    private static final List<String> GENERATOR = List.of("squarewave", "ramp", "pulse", "noise");
    private static final List<String> GENERATOR_2 = List.of("squarewave", "ramp", "pulse", "ECG");
    private static final List<String> BIOSEMI_A = List.of("A1", "A2", "A3", "A4");
    private static final double SQUARE = 99.992370489;

    static final List<FileFacts> FILES = List.of(
            new FileFacts(
                    "edf/pyedflib/test_generator.edf",
                    2711728,
                    "EDF+C",
                    12,
                    600,
                    "1",
                    "04.04.11 12.57.02",
                    d(200),
                    GENERATOR,
                    2,
                    new Channel0(
                            "squarewave",
                            "uV",
                            "-1000",
                            "1000",
                            -32768,
                            32767,
                            120000,
                            i(3276, 3276, 3276),
                            d(SQUARE, SQUARE, SQUARE))),
            new FileFacts(
                    "edf/pyedflib/test_legacy.edf",
                    2711728,
                    "",
                    12,
                    600,
                    "1",
                    "04.04.11 12.57.02",
                    d(200),
                    GENERATOR,
                    2,
                    new Channel0(
                            "squarewave",
                            "uV",
                            "-1000",
                            "1000",
                            -32768,
                            32767,
                            120000,
                            i(3276, 3276, 3276),
                            d(SQUARE, SQUARE, SQUARE))),
            new FileFacts(
                    "edf/pyedflib/test_subsecond.edf",
                    207376,
                    "EDF+C",
                    2,
                    698,
                    "1",
                    "24.01.20 04.05.56",
                    d(128),
                    List.of("Fp1", "EDF Annotations"),
                    4,
                    new Channel0(
                            "Fp1",
                            "uV",
                            "8711",
                            "-8711",
                            -32768,
                            32767,
                            89344,
                            i(-24, -29, -39),
                            d(6.247302968, 7.576516365, 10.23494316))),
            new FileFacts(
                    "edf/pyedflib/test_utf8.edf",
                    215752,
                    "EDF+C",
                    2,
                    698,
                    "1",
                    "24.01.20 04.05.56",
                    d(128),
                    List.of("Fp1", "EDF Annotations"),
                    5,
                    new Channel0(
                            "Fp1",
                            "uV",
                            "8711",
                            "-8711",
                            -32768,
                            32767,
                            89344,
                            i(-24, -29, -39),
                            d(6.247302968, 7.576516365, 10.23494316))),
            new FileFacts(
                    "edf/pyedflib/test_generator_datarec_generator_2.bdf",
                    195832,
                    "BDF+C",
                    6,
                    15,
                    "2",
                    "01.01.00 00.00.00",
                    d(250, 400, 487.5, 499.5, 500),
                    List.of("sine 2.5Hz", "square 6.5Hz", "ramp 3.5Hz", "pink noise"),
                    0,
                    new Channel0(
                            "sine 2.5Hz",
                            "uV",
                            "-3000",
                            "3000",
                            -8388608,
                            8388607,
                            15000,
                            i(87830, 175574, 263145),
                            d(31.41063639, 62.790337967, 94.10816992))),
            new FileFacts(
                    "edf/mne-python/test_edf_stim_channel.edf",
                    68056,
                    "reserved",
                    25,
                    1,
                    "9.59375",
                    "02.06.15 10.41.57",
                    d(128),
                    List.of("EEG Fp1", "EEG Fp2", "EEG F7", "EEG F3"),
                    0,
                    new Channel0(
                            "EEG Fp1",
                            "uV",
                            "175921",
                            "175946",
                            -32768,
                            32767,
                            1228,
                            i(18759, 19906, 24576),
                            d(175940.656290532, 175941.093842985, 175942.875333791))),
            new FileFacts(
                    "edf/mne-python/test_uneven_samp.edf",
                    25584,
                    "",
                    2,
                    11,
                    "10",
                    "13.07.00 12.05.48",
                    d(12.8, 100),
                    List.of("3Hz +5/-5 V", "0.2Hz Blk 1/0uV"),
                    0,
                    new Channel0(
                            "3Hz +5/-5 V",
                            "V",
                            "-10",
                            "10",
                            -2048,
                            2048,
                            11000,
                            i(0, 192, 377),
                            d(0.0, 0.9375, 1.840820312))),
            new FileFacts(
                    "edf/mne-python/duplicate_channel_labels.edf",
                    16360,
                    "EDF+C",
                    4,
                    10,
                    "1",
                    "01.04.18 14.12.44",
                    d(250),
                    List.of("EEG F1-Ref", "EEG F2-Ref", "EEG F1-Ref", "EDF Annotations"),
                    0,
                    new Channel0(
                            "EEG F1-Ref",
                            "uV",
                            "-6553.4",
                            "6553.4",
                            -32767,
                            32767,
                            2500,
                            i(223, 224, 223),
                            d(44.6, 44.8, 44.6))),
            new FileFacts(
                    "edf/mne-python/test.edf",
                    896256,
                    "EDF+C",
                    140,
                    6,
                    "1",
                    "29.04.14 22.19.44",
                    d(512),
                    BIOSEMI_A,
                    5,
                    new Channel0("A1", "uV", "0", "100", 0, 100, 3072, i(-15, -3, -3), d(-15.0, -3.0, -3.0))),
            new FileFacts(
                    "edf/mne-python/test_stim_channel.edf",
                    789680,
                    "EDF+C",
                    4,
                    600,
                    "1",
                    "17.01.19 16.48.12",
                    d(200),
                    List.of("stAtUs", "tRigGer", "sine 1 Hz", "EDF Annotations"),
                    0,
                    new Channel0(
                            "stAtUs",
                            "uV",
                            "-99.9618",
                            "1000000",
                            -32768,
                            32767,
                            120000,
                            i(-32761, -32761, -32761),
                            d(6.862030512, 6.862030512, 6.862030512))),
            new FileFacts(
                    "edf/mne-testing-data/test_reduced.edf",
                    820188,
                    "EDF+C",
                    140,
                    6,
                    "1",
                    "29.04.14 22.19.44",
                    d(1, 2, 4, 8, 16, 32, 64, 128, 256, 512),
                    BIOSEMI_A,
                    5,
                    new Channel0("A1", "uV", "0", "100", 0, 100, 6, i(-13, -11, -11), d(-13.0, -11.0, -11.0))),
            new FileFacts(
                    "edf/mne-testing-data/test_generator_2.edf",
                    2704528,
                    "EDF+C",
                    12,
                    600,
                    "1",
                    "10.12.09 12.44.02",
                    d(200),
                    GENERATOR_2,
                    2,
                    new Channel0(
                            "squarewave",
                            "uV",
                            "-1000.00",
                            "1000.000",
                            -32768,
                            32767,
                            120000,
                            i(3276, 3276, 3276),
                            d(SQUARE, SQUARE, SQUARE))),
            new FileFacts(
                    "edf/mne-testing-data/test_utf8_annotations.edf",
                    47648,
                    "EDF+C",
                    12,
                    10,
                    "1",
                    "10.12.09 12.44.02",
                    d(200),
                    GENERATOR_2,
                    2,
                    new Channel0(
                            "squarewave",
                            "uV",
                            "-1000",
                            "1000",
                            -32768,
                            32767,
                            2000,
                            i(3276, 3276, 3276),
                            d(SQUARE, SQUARE, SQUARE))),
            new FileFacts(
                    "edf/mne-testing-data/subsecond_starttime.edf",
                    16830,
                    "EDF+C",
                    4,
                    5,
                    "1",
                    "24.01.20 04.05.56",
                    d(512),
                    List.of("Fp1", "F7", "T3", "EDF Annotations"),
                    2,
                    new Channel0(
                            "Fp1",
                            "uV",
                            "8711",
                            "-8711",
                            -32768,
                            32767,
                            2560,
                            i(-24, -26, -34),
                            d(6.247302968, 6.778988327, 8.905729763))),
            new FileFacts(
                    "edf/mne-testing-data/chtypes_edf.edf",
                    95634,
                    "EDF+C",
                    43,
                    5,
                    "1",
                    "19.11.15 19.33.09",
                    d(200),
                    List.of("EEG Fp1-Ref", "EEG Fp2-Ref", "EEG F3-Ref", "EEG F4-Ref"),
                    8,
                    new Channel0(
                            "EEG Fp1-Ref",
                            "uV",
                            "-289.746",
                            "617.4804",
                            -2967,
                            6323,
                            1000,
                            i(996, 865, 842),
                            d(97.265649429, 84.472682971, 82.226589623))),
            new FileFacts(
                    "edf/mne-testing-data/SC4001EC-Hypnogram.edf",
                    4620,
                    "EDF+C",
                    1,
                    1,
                    "0",
                    "24.04.89 16.13.00",
                    d(),
                    List.of("EDF Annotations"),
                    154,
                    null),
            new FileFacts(
                    "edf/mne-testing-data/MB0400FU.EDF",
                    308512,
                    "EDF+D",
                    26,
                    29,
                    "1.000000",
                    "03.04.19 16.00.16",
                    d(200),
                    List.of("EEG Fp2-Ref", "EEG Fp1-Ref", "EEG F4-Ref", "EEG F3-Ref"),
                    4,
                    new Channel0(
                            "EEG Fp2-Ref",
                            "uV",
                            "-1191.40",
                            "1172.753",
                            -12200,
                            12009,
                            5800,
                            i(-1978, -3042, 1119),
                            d(-193.160834153, -297.066769631, 109.279656615))),
            new FileFacts(
                    "edf/EDF.jl/test_merged.edf",
                    1744488,
                    "EDF+D",
                    140,
                    12,
                    "1",
                    "29.04.14 10.19.44",
                    d(512),
                    BIOSEMI_A,
                    0,
                    new Channel0(
                            "A1",
                            "n/a",
                            "-206",
                            "50",
                            -32768,
                            32767,
                            6144,
                            i(16127, 19199, 19199),
                            d(-15.000991836, -3.000808728, -3.000808728))),
            new FileFacts(
                    "edf/edfio/short_psg.edf",
                    184448,
                    "",
                    7,
                    10,
                    "30",
                    "24.04.89 16.13.00",
                    d(1, 100),
                    List.of("EEG Fpz-Cz", "EEG Pz-Oz", "EOG horizontal", "Resp oro-nasal"),
                    0,
                    new Channel0(
                            "EEG Fpz-Cz",
                            "uV",
                            "-192",
                            "192",
                            -2048,
                            2047,
                            30000,
                            i(53, -28, 14),
                            d(5.016849817, -2.578754579, 1.35970696))),
            new FileFacts(
                    "edf/nedc_pystream_example/example.edf",
                    75466,
                    "EDF",
                    30,
                    5,
                    "1.000000",
                    "30.04.12 08.44.11",
                    d(1, 250),
                    List.of("EEG FP1-REF", "EEG FP2-REF", "EEG F3-REF", "EEG F4-REF"),
                    0,
                    new Channel0(
                            "EEG FP1-REF",
                            "uV",
                            "-4999.84",
                            "4999.847",
                            -32767,
                            32767,
                            1250,
                            i(29478, 29431, 29393),
                            d(4497.985820414, 4490.814195166, 4485.015859859))),
            new FileFacts(
                    "edf/epilepsy2bids_tuh_sample/aaaaapks_s012_t001.edf",
                    35432,
                    "EDF+C",
                    31,
                    2,
                    "1",
                    "01.01.14 00.00.00",
                    d(1, 250),
                    List.of("EEG FP1-REF", "EEG FP2-REF", "EEG F3-REF", "EEG F4-REF"),
                    0,
                    new Channel0(
                            "EEG FP1-REF",
                            "uV",
                            "-4999.84",
                            "4999.847",
                            -32767,
                            32767,
                            500,
                            i(495, 87, 604),
                            d(75.53444676, 13.278636097, 92.166513825))),
            new FileFacts(
                    "edf/epilepsy2bids_tuh_sample/aaaaahln_s001_t000.edf",
                    52236,
                    "EDF+C",
                    42,
                    2,
                    "1",
                    "01.01.08 00.00.00",
                    d(250),
                    List.of("EEG FP1-LE", "EEG FP2-LE", "EEG F3-LE", "EEG F4-LE"),
                    0,
                    new Channel0(
                            "EEG FP1-LE",
                            "uV",
                            "-4999.85",
                            "4999.85",
                            -32767,
                            32767,
                            500,
                            i(370, 480, 501),
                            d(56.457548753, 73.24222541, 76.446572771))));

    private static final List<Ann> TEST_EDF = List.of(
            new Ann(0.0, NONE, "start"),
            new Ann(0.1344, 0.256, "type A"),
            new Ann(0.3904, 1.0, "type A"),
            new Ann(2.0, NONE, "type B"),
            new Ann(2.5, 2.5, "type A"));

    /** Annotations listed in the README, in file order, from the first one (a prefix when the README says "…"). */
    static List<Ann> annotations(String path) {
        return switch (path) {
            case "edf/pyedflib/test_generator.edf", "edf/pyedflib/test_legacy.edf" ->
                List.of(new Ann(0.0, NONE, "Recording starts"), new Ann(600.0, NONE, "Recording ends"));
            case "edf/pyedflib/test_subsecond.edf" ->
                List.of(
                        new Ann(2.3457031, NONE, "XLSpike"),
                        new Ann(3.8867187, NONE, "Clip Note"),
                        new Ann(290.8964843, NONE, "XLEvent"),
                        new Ann(583.9667968, NONE, "XLSpike"));
            case "edf/pyedflib/test_utf8.edf" ->
                List.of(
                        new Ann(1.9511719, NONE, "XLSpike"),
                        new Ann(3.4921875, NONE, "Clip Note"),
                        new Ann(120.0, NONE, "中文测试八个字"),
                        new Ann(290.5019531, NONE, "XLEvent"),
                        new Ann(583.5722656, NONE, "XLSpike"));
            case "edf/mne-python/test.edf", "edf/mne-testing-data/test_reduced.edf" -> TEST_EDF;
            case "edf/mne-testing-data/test_generator_2.edf" ->
                List.of(new Ann(0.0, NONE, "RECORD START"), new Ann(600.0, NONE, "REC STOP"));
            case "edf/mne-testing-data/test_utf8_annotations.edf" ->
                List.of(new Ann(0.0, NONE, "RECORD START"), new Ann(2.0, 0.5, "仰卧"));
            case "edf/mne-testing-data/subsecond_starttime.edf" ->
                List.of(new Ann(2.3457031, NONE, "XLSpike"), new Ann(3.8867187, NONE, "Clip Note"));
            case "edf/mne-testing-data/chtypes_edf.edf" ->
                List.of(
                        new Ann(0.0, NONE, "+0.000000"),
                        new Ann(0.0, NONE, "Segment: REC START LTM+6 EEG"),
                        new Ann(0.0, NONE, "A1+A2 OFF"),
                        new Ann(0.0, NONE, "onset"),
                        new Ann(1.0, NONE, "+1.000000"),
                        new Ann(1.0, NONE, "high amp RDA F4, C4"));
            case "edf/mne-testing-data/SC4001EC-Hypnogram.edf" ->
                List.of(
                        new Ann(0.0, 30630.0, "Sleep stage W"),
                        new Ann(30630.0, 120.0, "Sleep stage 1"),
                        new Ann(30750.0, 390.0, "Sleep stage 2"),
                        new Ann(31140.0, 30.0, "Sleep stage 3"),
                        new Ann(31170.0, 30.0, "Sleep stage 2"),
                        new Ann(31200.0, 150.0, "Sleep stage 3"));
            case "edf/mne-testing-data/MB0400FU.EDF" ->
                List.of(
                        new Ann(0.0, NONE, "+0.000000"),
                        new Ann(0.0, NONE, "Segment: REC START ALLE EEG"),
                        new Ann(1.0, NONE, "+1.140000"),
                        new Ann(1.0, NONE, "A1+A2 OFF"));
            default -> List.of();
        };
    }

    /** The README's record-0 onset (sub-second start) per file; 0 elsewhere. */
    static double firstRecordOnset(String path) {
        return path.contains("subsecond") || path.endsWith("test_utf8.edf") ? 0.3945312 : 0.0;
    }
}
