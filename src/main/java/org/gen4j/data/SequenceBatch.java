package org.gen4j.data;

import org.gen4j.core.Gen4jException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sequences of different lengths, each {@code [T_i, d]}: the data of hidden Markov models. NaN marks a missing
 * value (Gaussian, categorical and Poisson emissions score and learn from the rest); infinity is an error.
 *
 * <pre>{@code
 * SequenceBatch batch = SequenceBatch.of(seqA, seqB);                       // [T_a, d] and [T_b, d]
 * SequenceBatch fromCsv = SequenceBatch.fromTable(table, ids);               // rows grouped by a sequence id
 * INDArray steps = batch.concatenated();                                     // [Σ T_i, d]
 * }</pre>
 */
public final class SequenceBatch {
    private final List<INDArray> sequences;
    private final List<String> ids;
    private final List<String> columns;

    private SequenceBatch(List<INDArray> sequences, List<String> ids, List<String> columns) {
        if (sequences.isEmpty()) {
            throw new Gen4jException("a sequence batch needs at least one sequence");
        }
        int d = -1;
        for (int i = 0; i < sequences.size(); i++) {
            INDArray s = sequences.get(i);
            String name = "sequence " + ids.get(i);
            if (s.rank() != 2) {
                throw new Gen4jException(name + " must be a matrix [T, d], got shape " + Arrays.toString(s.shape()));
            }
            if (s.rows() == 0) {
                throw new Gen4jException(name + " is empty (length 0)");
            }
            if (d < 0) {
                d = (int) s.columns();
            } else if (s.columns() != d) {
                throw new Gen4jException(name + " has " + s.columns() + " columns, the first sequence has " + d);
            }
            DataChecks.requireMatrixWithGaps(s, d, name);                // NaN: a missing value
        }
        this.sequences = List.copyOf(sequences);
        this.ids = List.copyOf(ids);
        this.columns = columns;
    }

    /** Sequences numbered 0, 1, ... */
    public static SequenceBatch of(INDArray... sequences) {
        return of(Arrays.asList(sequences));
    }

    public static SequenceBatch of(List<INDArray> sequences) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            ids.add(String.valueOf(i));
        }
        return new SequenceBatch(sequences, ids, null);
    }

    /** With sequence ids and column names (as read from a file). */
    public static SequenceBatch of(List<INDArray> sequences, List<String> ids, List<String> columns) {
        return new SequenceBatch(sequences, ids, columns == null ? null : List.copyOf(columns));
    }

    /**
     * Groups the rows of a table into sequences by an id per row. Rows of one sequence must be contiguous and in
     * time order; an id that appears again after another sequence started is an error naming the row.
     *
     * @param ids one id per row of {@code table}
     */
    public static SequenceBatch fromTable(Table table, String[] ids) {
        if (ids.length != table.rows()) {
            throw new Gen4jException(ids.length + " sequence ids for " + table.rows() + " rows");
        }
        Map<String, int[]> ranges = new LinkedHashMap<>();
        for (int r = 0; r < ids.length; r++) {
            int[] range = ranges.get(ids[r]);
            if (range == null) {
                ranges.put(ids[r], new int[]{r, r + 1});
            } else if (range[1] == r) {
                range[1] = r + 1;
            } else {
                throw new Gen4jException("the rows of sequence '" + ids[r] + "' are not contiguous: it continues at row "
                        + r + " after other sequences started (sort the file by sequence, keeping time order)");
            }
        }
        List<INDArray> sequences = new ArrayList<>();
        for (int[] range : ranges.values()) {
            sequences.add(table.features().get(NDArrayIndex.interval(range[0], range[1]), NDArrayIndex.all()));
        }
        return new SequenceBatch(sequences, new ArrayList<>(ranges.keySet()), table.columns());
    }

    /**
     * From DL4J's time-series layout, as {@code SequenceRecordReaderDataSetIterator} produces it.
     *
     * @param features {@code [batch, d, T]}
     * @param mask     {@code [batch, T]} with 1 on real steps (a prefix of each row), or null when all are real
     */
    public static SequenceBatch fromTimeSeries(INDArray features, INDArray mask) {
        if (features.rank() != 3) {
            throw new Gen4jException("time-series features must have shape [batch, d, T], got " + Arrays.toString(features.shape()));
        }
        List<INDArray> sequences = new ArrayList<>();
        for (int i = 0; i < features.size(0); i++) {
            long length = mask == null ? features.size(2) : (long) mask.getRow(i).sumNumber().doubleValue();
            sequences.add(features.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.interval(0, length))
                    .transpose().dup('c'));
        }
        return of(sequences);
    }

    public int size() {
        return sequences.size();
    }

    public INDArray sequence(int i) {
        return sequences.get(i);
    }

    public List<INDArray> sequences() {
        return sequences;
    }

    public List<String> ids() {
        return ids;
    }

    /** Column names, if the data came from a file. */
    public List<String> columns() {
        return columns == null ? List.of() : columns;
    }

    public int dimensions() {
        return (int) sequences.get(0).columns();
    }

    public int[] lengths() {
        int[] lengths = new int[sequences.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = (int) sequences.get(i).rows();
        }
        return lengths;
    }

    public int maxLength() {
        return Arrays.stream(lengths()).max().orElse(0);
    }

    public long totalSteps() {
        return Arrays.stream(lengths()).asLongStream().sum();
    }

    /** All steps of all sequences stacked: {@code [Σ T_i, d]}. */
    public INDArray concatenated() {
        return sequences.size() == 1 ? sequences.get(0) : Nd4j.vstack(sequences.toArray(new INDArray[0]));
    }

    /**
     * Splits an array with one row per step (sequences concatenated, as {@link #concatenated()}) into one array per
     * sequence. @param rows {@code [Σ T_i, ...]} @return {@code [T_i, ...]} each
     */
    public List<INDArray> split(INDArray rows) {
        if (rows.size(0) != totalSteps()) {
            throw new Gen4jException(rows.size(0) + " rows for a batch of " + totalSteps() + " steps");
        }
        List<INDArray> parts = new ArrayList<>();
        long offset = 0;
        for (int length : lengths()) {
            parts.add(rows.rank() == 1 ? rows.get(NDArrayIndex.interval(offset, offset + length)).dup()
                    : rows.get(NDArrayIndex.interval(offset, offset + length), NDArrayIndex.all()).dup());
            offset += length;
        }
        return parts;
    }

    @Override
    public String toString() {
        return "SequenceBatch(" + size() + " sequences, " + totalSteps() + " steps, d=" + dimensions() + ")";
    }
}
