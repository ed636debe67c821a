package com.baedal.workers.support;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** Context initializer of the slice tests: makes sure database {@code workers_it} exists before the pool starts. */
public class WorkersTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabases.ensure(TestDatabases.WORKERS);
    }
}
