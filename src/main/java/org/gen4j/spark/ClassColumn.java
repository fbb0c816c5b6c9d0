package org.gen4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.gen4j.core.Gen4jException;

import java.util.List;
import java.util.TreeSet;

/**
 * A column of class labels for a conditional network on Spark: its values' text, in sorted order, are the classes
 * (as one machine numbers a label column), so a value's class is its place in that list.
 *
 * @param name    the column
 * @param classes the labels' text in class order
 */
public record ClassColumn(String name, List<String> classes) implements java.io.Serializable {

    /** The column's classes as found in the data: one pass, the distinct values sorted as text. */
    public static ClassColumn of(Dataset<Row> data, String name, String source) {
        SparkColumns.type(data, name, source);
        List<Row> distinct = SparkFailures.unwrapped(() -> data.select(functions.col(SparkColumns.quoted(name)).cast("string"))
                .distinct().collectAsList());
        TreeSet<String> names = new TreeSet<>();
        for (Row row : distinct) {
            if (row.isNullAt(0)) {
                throw new Gen4jException("the label column '" + name + "' of " + source + " has missing values");
            }
            names.add(row.getString(0));
        }
        if (names.size() < 2) {
            throw new Gen4jException("the label column '" + name + "' of " + source + " has " + names.size() + " class: a conditional model needs two or more");
        }
        return new ClassColumn(name, List.copyOf(names));
    }

    /** The class of a label's text. */
    public int classOf(Object label) {
        int index = label == null ? -1 : classes.indexOf(label.toString());
        if (index < 0) {
            throw new Gen4jException("label '" + label + "' in column '" + name + "' is not one of the classes " + classes);
        }
        return index;
    }

    /** Checks that a model has a label column exactly when it is conditional, and one with its number of classes. */
    static void requireFor(ClassColumn labels, boolean conditional, int classes, String family) {
        if (conditional != (labels != null)) {
            throw new Gen4jException(conditional ? "a conditional " + family + " needs a label column"
                    : "an unconditional " + family + " takes no label column");
        }
        if (conditional && labels.classes().size() != classes) {
            throw new Gen4jException("the label column '" + labels.name() + "' has " + labels.classes().size()
                    + " classes, the model " + classes);
        }
    }
}
