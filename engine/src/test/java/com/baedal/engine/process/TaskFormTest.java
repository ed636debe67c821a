package com.baedal.engine.process;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/** The completion check against the deployed forms themselves, with Camunda's FEEL engine for their conditions. */
class TaskFormTest {

    private static final FeelEngine FEEL = ((DefaultDmnEngineConfiguration) new DefaultDmnEngineConfiguration()
            .buildEngine().getConfiguration()).getFeelEngine();
    private static final TaskForm.Conditions CONDITIONS = (expression, values) ->
            FEEL.evaluateSimpleExpression(expression, Variables.fromMap(values).asVariableContext());

    private final TaskForm accept = form(FORM_ACCEPT_ORDER);

    @Test
    void everyFormOfTheProcessCanBeChecked() {
        for (String formId : List.of(FORM_ACCEPT_ORDER, FORM_START_COOKING, FORM_FINISH_COOKING, FORM_PICK_UP,
                FORM_CONFIRM_DELIVERY)) {
            TaskForm form = form(formId);
            assertThat(form.id()).isEqualTo(formId);
            assertThat(form.fields().values()).anyMatch(field -> !field.display());
            assertThat(form.fields().values()).filteredOn(field -> !field.display())
                    .noneMatch(field -> ORDER_FACTS.contains(field.key()));
        }
    }

    @Test
    void anAnswerIsWrittenDisplayFieldsAndHiddenFieldsAreNot() {
        assertThat(accept.check("accept", Map.of(VAR_ACCEPTED, true, VAR_TOTAL, 1L, VAR_ORDER_NUMBER, "X",
                VAR_REJECTION_REASON, "hidden when accepted"), CONDITIONS)).containsExactly(Map.entry(VAR_ACCEPTED, true));
        assertThat(accept.check("accept", Map.of(VAR_ACCEPTED, false, VAR_REJECTION_REASON, "Sold out"), CONDITIONS))
                .containsOnly(Map.entry(VAR_ACCEPTED, false), Map.entry(VAR_REJECTION_REASON, "Sold out"));
        // typed values, as engine REST passes them
        assertThat(accept.check("accept", Map.of(VAR_ACCEPTED, Variables.booleanValue(true)), CONDITIONS))
                .containsEntry(VAR_ACCEPTED, true);
    }

    @Test
    void everythingElseIsRefusedAtOnce() {
        Map<String, Object> hostile = new HashMap<>();
        hostile.put(VAR_ACCEPTED, "yes");
        hostile.put(VAR_REGION, "mapo");
        hostile.put(VAR_PAYMENT_STATUS, "REFUNDED");
        assertThatThrownBy(() -> accept.check("accept", hostile, CONDITIONS))
                .isInstanceOf(FormFieldValidationException.class)
                .hasMessageContaining("'region' is not a field of the form")
                .hasMessageContaining("'paymentStatus' is not a field of the form")
                .hasMessageContaining("'accepted' must be one of [true, false]");
        assertRefused(accept, Map.of(), "'accepted' is required");
        assertRefused(accept, Map.of(VAR_ACCEPTED, false), "'rejectionReason' is required");
        assertRefused(accept, Map.of(VAR_ACCEPTED, false, VAR_REJECTION_REASON, "   "), "'rejectionReason' is required");
        assertRefused(accept, Map.of(VAR_ACCEPTED, false, VAR_REJECTION_REASON, "x".repeat(501)), "at most 500");
        assertRefused(accept, Map.of(VAR_ACCEPTED, false, VAR_REJECTION_REASON, "a\u0000b"), "control characters");
        assertRefused(accept, Map.of(VAR_ACCEPTED, false, VAR_REJECTION_REASON, 42), "must be text");
        assertRefused(accept, Map.of(VAR_ACCEPTED, Variables.objectValue(true).create()), "must be a plain value");
        assertRefused(accept, Map.of(VAR_ACCEPTED, true, VAR_TOTAL, Variables.fileValue("total.txt")
                .file(new byte[] {1}).create()), "'total' must be a plain value");
    }

    @Test
    void aRequiredConfirmationMustBeTicked() {
        TaskForm pickUp = form(FORM_PICK_UP);
        assertThat(pickUp.check("pick", Map.of(VAR_PICKED_UP_CONFIRMED, true), CONDITIONS))
                .containsExactly(Map.entry(VAR_PICKED_UP_CONFIRMED, true));
        assertRefused(pickUp, Map.of(VAR_PICKED_UP_CONFIRMED, false), "must be ticked");
        assertRefused(pickUp, Map.of(VAR_PICKED_UP_CONFIRMED, "true"), "must be true or false");
        assertRefused(pickUp, Map.of(VAR_RIDER_ID, "rider-gangnam-2"), "'riderId' is not a field");
    }

    @Test
    void aFormThatWouldLetUsersWriteAnOrderFactIsRefused() {
        byte[] schema = """
                {"id": "bad", "components": [{"key": "storeId", "type": "textfield"}]}"""
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TaskForm.parse("bad.form", schema)).hasMessageContaining("order fact");
        byte[] unknownKind = """
                {"id": "odd", "components": [{"key": "when", "type": "datetime"}]}"""
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TaskForm.parse("odd.form", unknownKind)).hasMessageContaining("cannot check");
    }

    private static void assertRefused(TaskForm form, Map<String, Object> submitted, String problem) {
        assertThatThrownBy(() -> form.check("task", submitted, CONDITIONS))
                .isInstanceOf(FormFieldValidationException.class).hasMessageContaining(problem);
    }

    private static TaskForm form(String formId) {
        try (InputStream in = TaskFormTest.class.getClassLoader().getResourceAsStream("forms/" + formId + ".form")) {
            return TaskForm.parse(formId + ".form", in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
