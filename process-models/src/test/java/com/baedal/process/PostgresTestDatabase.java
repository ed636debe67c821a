package com.baedal.process;

import com.baedal.testsupport.LocalPostgres;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * The process tests' engine: the real PostgreSQL of the machine (database {@value #DATABASE}, created anew once per
 * test run), full history, no job executor (tests execute jobs), no Java serialization, authorization off (the
 * engine module tests authorizations).
 */
final class PostgresTestDatabase {

    static final String DATABASE = "baedal_process_test";
    private static ProcessEngine engine;

    private PostgresTestDatabase() {
    }

    static synchronized ProcessEngine engine() {
        if (engine == null) {
            StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
            configuration.setProcessEngineName("baedal-process-test");
            configuration.setJdbcUrl(LocalPostgres.freshDatabase(DATABASE));
            configuration.setJdbcDriver("org.postgresql.Driver");
            configuration.setJdbcUsername(LocalPostgres.USER);
            configuration.setJdbcPassword("");
            configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
            configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
            configuration.setJobExecutorActivate(false);
            configuration.setJavaSerializationFormatEnabled(false);
            configuration.setAuthorizationEnabled(false);
            engine = configuration.buildProcessEngine();
        }
        return engine;
    }
}
