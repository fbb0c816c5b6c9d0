package org.gen4j.core;

/**
 * Writes one model type into a {@link ModelArchive} and reads it back. Each family registers its codecs in
 * {@code META-INF/services/org.gen4j.core.ModelCodec}, so {@link ModelIO} finds them without depending on them.
 *
 * @param <M> the model class
 */
public interface ModelCodec<M extends GenerativeModel> {

    /** The type name stored in the file, equal to {@link GenerativeModel#modelType()}. */
    String modelType();

    Class<M> modelClass();

    void write(M model, ModelArchive.Writer archive);

    /** Rebuilds the model; missing or malformed entries are reported through {@link ModelArchive.Reader}. */
    M read(ModelArchive.Reader archive);
}
