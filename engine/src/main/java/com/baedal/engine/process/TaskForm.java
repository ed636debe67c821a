package com.baedal.engine.process;

import com.baedal.process.OrderProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The fields of one deployed Camunda form (a form-js schema), as the engine checks a task completion against them:
 * a user task completes with exactly the fields of its form.
 * <ul>
 *   <li>an editable field takes a value of its kind: text ({@code textfield}, {@code textarea}: a string within the
 *       form's length limits, no control characters), {@code number}, {@code checkbox} (a boolean), {@code radio} and
 *       {@code select} (one of the form's values); a required field must be given (a required checkbox ticked)
 *       unless its {@code conditional.hide} condition hides it;</li>
 *   <li>display fields ({@code disabled} or {@code readonly}) show order facts. Tasklist may send them back; they
 *       are accepted and dropped, never written, as is a value for a field its condition hides;</li>
 *   <li>any other name, or a value that is not a plain string, number or boolean (an object, JSON, a file), is
 *       refused with Camunda's {@link FormFieldValidationException} (engine REST: 400, also for {@code complete}),
 *       and nothing is written.</li>
 * </ul>
 * Instances are immutable and cached per deployed form version.
 */
final class TaskForm {

    /** Evaluates a form-js condition (FEEL, without the leading {@code =}) against the submitted values. */
    @FunctionalInterface
    interface Conditions {
        Object evaluate(String feelExpression, Map<String, Object> values);
    }

    enum Kind { TEXT, NUMBER, CHECKBOX, CHOICE }

    record Field(String key, Kind kind, boolean display, boolean required, boolean multiline, List<Object> values,
                 Integer minLength, Integer maxLength, BigDecimal min, BigDecimal max, String hideCondition) {
    }

    /** The longest text the engine stores in a string variable's column. */
    static final int TEXT_LIMIT = 4000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TEXT_TYPES = Set.of("textfield", "textarea");
    private static final Set<String> CHOICE_TYPES = Set.of("radio", "select");
    private static final Set<ValueType> PLAIN_TYPES = Set.of(ValueType.STRING, ValueType.BOOLEAN, ValueType.INTEGER,
            ValueType.LONG, ValueType.SHORT, ValueType.DOUBLE, ValueType.NULL);

    private final String id;
    private final Map<String, Field> fields;

    private TaskForm(String id, Map<String, Field> fields) {
        this.id = id;
        this.fields = Collections.unmodifiableMap(fields);
    }

    String id() {
        return id;
    }

    Map<String, Field> fields() {
        return fields;
    }

    /**
     * Reads a form-js schema. Every keyed component must be a display field or of a kind listed above: a form the
     * engine could not check is refused as a whole rather than half-checked.
     */
    static TaskForm parse(String resourceName, byte[] schema) {
        JsonNode root;
        try {
            root = JSON.readTree(schema);
        } catch (IOException e) {
            throw new IllegalStateException("Form " + resourceName + " is not valid JSON", e);
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        collect(resourceName, root.path("components"), fields);
        return new TaskForm(root.path("id").asText(resourceName), fields);
    }

    private static void collect(String resourceName, JsonNode components, Map<String, Field> fields) {
        for (JsonNode component : components) {
            if (component.has("components")) {
                collect(resourceName, component.get("components"), fields); // groups
            }
            String key = component.path("key").asText(null);
            if (key == null || key.isBlank()) {
                continue; // text, headings, spacers
            }
            String type = component.path("type").asText();
            boolean display = component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
            Kind kind = TEXT_TYPES.contains(type) ? Kind.TEXT
                    : "number".equals(type) ? Kind.NUMBER
                    : "checkbox".equals(type) ? Kind.CHECKBOX
                    : CHOICE_TYPES.contains(type) ? Kind.CHOICE
                    : null;
            if (!display && OrderProcess.ORDER_FACTS.contains(key)) {
                throw new IllegalStateException("Form " + resourceName + ": field '" + key + "' would let task users"
                        + " write an order fact; show it as a disabled field");
            }
            if (kind == null && !display) {
                throw new IllegalStateException("Form " + resourceName + ": field '" + key + "' is of type '" + type
                        + "', which the engine cannot check; use " + TEXT_TYPES + ", number, checkbox or " + CHOICE_TYPES);
            }
            JsonNode validate = component.path("validate");
            List<Object> values = new ArrayList<>();
            component.path("values").forEach(option -> values.add(plain(option.path("value"))));
            String hide = component.path("conditional").path("hide").asText(null);
            fields.put(key, new Field(key, kind, display, validate.path("required").asBoolean(false),
                    "textarea".equals(type), List.copyOf(values), integer(validate, "minLength"),
                    integer(validate, "maxLength"), decimal(validate, "min"), decimal(validate, "max"), hide));
        }
    }

    /**
     * Checks what a task completion submits against this form and returns what it may write: the editable fields
     * that were given and are shown. Refuses (400) with every problem at once.
     */
    Map<String, Object> check(String taskName, Map<String, Object> submitted, Conditions conditions) {
        VariableMap given = Variables.fromMap(submitted == null ? Map.of() : submitted);
        List<String> problems = new ArrayList<>();
        Map<String, Object> plainValues = new LinkedHashMap<>();
        for (String name : given.keySet()) {
            Field field = fields.get(name);
            if (field == null) {
                problems.add("'" + name + "' is not a field of the form");
                continue;
            }
            TypedValue typed = given.getValueTyped(name);
            ValueType type = typed.getType();
            if (type != null && !PLAIN_TYPES.contains(type)) {
                problems.add("'" + name + "' must be a plain value, not " + type.getName());
                continue;
            }
            if (!field.display() && typed.getValue() != null) {
                plainValues.put(name, typed.getValue());
            }
        }
        Map<String, Object> writable = new LinkedHashMap<>();
        for (Field field : fields.values()) {
            if (field.display() || hidden(field, plainValues, conditions)) {
                continue; // shown facts and hidden answers are never written
            }
            Object value = plainValues.get(field.key());
            if (value == null) {
                if (field.required()) {
                    problems.add("'" + field.key() + "' is required");
                }
                continue;
            }
            String problem = problemWith(field, value);
            if (problem != null) {
                problems.add("'" + field.key() + "' " + problem);
            } else {
                writable.put(field.key(), value);
            }
        }
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException(problems, "Task '" + taskName + "' completes with the fields of"
                    + " its form '" + id + "' " + fields.keySet() + " only: " + String.join("; ", problems)
                    + ". Nothing was changed.");
        }
        return writable;
    }

    private static boolean hidden(Field field, Map<String, Object> values, Conditions conditions) {
        String condition = field.hideCondition();
        if (condition == null || !condition.startsWith("=")) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(conditions.evaluate(condition.substring(1), values));
        } catch (RuntimeException unevaluable) {
            return false; // shown, so a required field stays required
        }
    }

    private static String problemWith(Field field, Object value) {
        switch (field.kind()) {
            case TEXT -> {
                if (!(value instanceof String text)) {
                    return "must be text";
                }
                int max = field.maxLength() != null ? Math.min(field.maxLength(), TEXT_LIMIT) : TEXT_LIMIT;
                if (text.length() > max) {
                    return "must be at most " + max + " characters long";
                }
                if (field.minLength() != null && text.strip().length() < field.minLength()) {
                    return "must be at least " + field.minLength() + " characters long";
                }
                if (field.required() && text.isBlank()) {
                    return "is required";
                }
                boolean badCharacter = text.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL
                        && !(field.multiline() && (c == '\n' || c == '\r' || c == '\t')));
                return badCharacter ? "must not contain control characters" : null;
            }
            case NUMBER -> {
                if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    return "must be a number";
                }
                BigDecimal decimal = new BigDecimal(number.toString());
                if (field.min() != null && decimal.compareTo(field.min()) < 0
                        || field.max() != null && decimal.compareTo(field.max()) > 0) {
                    return "must be between " + field.min() + " and " + field.max();
                }
                return null;
            }
            case CHECKBOX -> {
                if (!(value instanceof Boolean checked)) {
                    return "must be true or false";
                }
                return field.required() && !checked ? "must be ticked" : null;
            }
            case CHOICE -> {
                return field.values().stream().anyMatch(allowed -> same(allowed, value)) ? null
                        : "must be one of " + field.values();
            }
            default -> throw new IllegalStateException("unknown kind " + field.kind());
        }
    }

    private static boolean same(Object allowed, Object given) {
        if (allowed instanceof Number a && given instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return allowed != null && allowed.equals(given);
    }

    private static Object plain(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    private static Integer integer(JsonNode validate, String name) {
        return validate.path(name).isNumber() ? validate.get(name).intValue() : null;
    }

    private static BigDecimal decimal(JsonNode validate, String name) {
        return validate.path(name).isNumber() ? validate.get(name).decimalValue() : null;
    }
}
