package com.baedal.engine.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.impl.RuntimeServiceImpl;
import org.camunda.bpm.engine.runtime.ProcessInstanceQuery;

/**
 * Camunda's runtime service with {@link OrderFacts} in front of its variable writes: what engine REST
 * ({@code /process-instance/{id}/variables}, {@code /execution/{id}/localVariables}, the async variables batch) and
 * Cockpit's variable editing call.
 */
class GuardedRuntimeService extends RuntimeServiceImpl {

    private final OrderFacts facts;

    GuardedRuntimeService(OrderFacts facts) {
        this.facts = facts;
    }

    @Override
    protected void setVariables(String executionId, Map<String, ?> variables, boolean local) {
        facts.refuseWriting(variables);
        super.setVariables(executionId, variables, local);
    }

    @Override
    protected void updateVariables(String executionId, Map<String, ?> modifications, Collection<String> deletions,
                                   boolean local) {
        facts.refuseWriting(modifications);
        facts.refuseWriting(deletions);
        super.updateVariables(executionId, modifications, deletions, local);
    }

    @Override
    public void removeVariable(String executionId, String variableName) {
        facts.refuseWriting(List.of(variableName));
        super.removeVariable(executionId, variableName);
    }

    @Override
    public void removeVariableLocal(String executionId, String variableName) {
        facts.refuseWriting(List.of(variableName));
        super.removeVariableLocal(executionId, variableName);
    }

    @Override
    public void removeVariables(String executionId, Collection<String> variableNames) {
        facts.refuseWriting(variableNames);
        super.removeVariables(executionId, variableNames);
    }

    @Override
    public void removeVariablesLocal(String executionId, Collection<String> variableNames) {
        facts.refuseWriting(variableNames);
        super.removeVariablesLocal(executionId, variableNames);
    }

    @Override
    public Batch setVariablesAsync(List<String> processInstanceIds, ProcessInstanceQuery processInstanceQuery,
                                   HistoricProcessInstanceQuery historicProcessInstanceQuery,
                                   Map<String, ?> variables) {
        facts.refuseWriting(variables);
        return super.setVariablesAsync(processInstanceIds, processInstanceQuery, historicProcessInstanceQuery,
                variables);
    }

    @Override
    public Batch setVariablesAsync(List<String> processInstanceIds, Map<String, ?> variables) {
        facts.refuseWriting(variables);
        return super.setVariablesAsync(processInstanceIds, variables);
    }

    @Override
    public Batch setVariablesAsync(ProcessInstanceQuery processInstanceQuery, Map<String, ?> variables) {
        facts.refuseWriting(variables);
        return super.setVariablesAsync(processInstanceQuery, variables);
    }

    @Override
    public Batch setVariablesAsync(HistoricProcessInstanceQuery historicProcessInstanceQuery,
                                   Map<String, ?> variables) {
        facts.refuseWriting(variables);
        return super.setVariablesAsync(historicProcessInstanceQuery, variables);
    }
}
