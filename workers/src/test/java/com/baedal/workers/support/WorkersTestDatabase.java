package com.baedal.workers.support;

import com.baedal.testsupport.LocalPostgres;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The workers' test database {@value #WORKERS} (named by {@code application-it.yaml}) and the one of the engine that
 * {@code WorkersIT} starts; the context initializer gives the slice tests a fresh {@value #WORKERS} before the pool
 * starts.
 */
public class WorkersTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String WORKERS = "workers_it";
    public static final String ENGINE = "workers_it_engine";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        LocalPostgres.freshDatabase(WORKERS);
    }
}
