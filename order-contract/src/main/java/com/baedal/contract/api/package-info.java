/**
 * The public REST API's answers as typed records, shared by the services that write them and the clients that read
 * them (the simulator, the bench, the chaos runner, the e2e tests): {@link com.baedal.contract.api.PlacedOrder} and
 * {@link com.baedal.contract.api.StepResult} of the engine's commands, {@link com.baedal.contract.api.OrderView} of
 * the read-model's queries. Clients read them tolerantly (unknown fields ignored), so a field added to an answer
 * breaks no client.
 */
package com.baedal.contract.api;
