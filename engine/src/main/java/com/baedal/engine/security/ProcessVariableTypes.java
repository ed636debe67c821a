package com.baedal.engine.security;

import java.util.Set;
import org.camunda.bpm.engine.runtime.DeserializationTypeValidator;

/**
 * The allow-list of Java types the engine may deserialize from a variable (Camunda's deserialization type
 * validation, switched on by {@link CamundaTrustPlugin}). The variables of {@code order-delivery} are strings, numbers
 * and booleans: primitive values, which are never deserialized into a Java type. So the list is empty: an object or
 * JSON variable naming any class, sent over engine REST or the webapps, is refused (400) instead of instantiated.
 * Java serialization stays off as well ({@code java-serialization-format-enabled: false}).
 */
final class ProcessVariableTypes implements DeserializationTypeValidator {

    /** Java types the process keeps in object variables: none. */
    static final Set<String> ALLOWED = Set.of();

    @Override
    public boolean validate(String className) {
        return ALLOWED.contains(className);
    }
}
