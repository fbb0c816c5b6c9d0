package org.gen4j.nn;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/** Copies a DL4J layer configuration into a gen4j subclass, for configurations whose builders only make their own class. */
final class ConfigurationCopies {
    private ConfigurationCopies() {
    }

    /** Every instance field declared in {@code declaredIn} and its superclasses, from {@code from} into {@code to}. */
    static <T> T copyInto(Object from, T to, Class<?> declaredIn) {
        for (Class<?> c = declaredIn; c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    field.set(to, field.get(from));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy " + c.getSimpleName() + "." + field.getName(), e);
                }
            }
        }
        return to;
    }
}
