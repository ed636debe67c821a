package com.baedal.engine.camunda;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.camunda.ServiceFileCacheFilter.ServiceFileCachingClassLoader;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ServiceFileCacheFilterTest {

    /** A service type of the JDK, so that the providers below load through any class loader. */
    private static final String SERVICE_FILE = "META-INF/services/" + Runnable.class.getName();

    @TempDir
    Path jar;

    @Test
    void serviceFilesAreListedOnceAndReadFromMemoryWithTheSameContent() throws Exception {
        Files.createDirectories(jar.resolve("META-INF/services"));
        Files.writeString(jar.resolve(SERVICE_FILE), Provider.class.getName() + "\n", StandardCharsets.UTF_8);
        AtomicInteger listings = new AtomicInteger();
        try (URLClassLoader application = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals(SERVICE_FILE)) {
                    listings.incrementAndGet();
                }
                return super.getResources(name);
            }
        }) {
            ServiceFileCachingClassLoader cached = new ServiceFileCachingClassLoader(application);

            for (int i = 0; i < 3; i++) {
                List<Runnable> providers = ServiceLoader.load(Runnable.class, cached).stream()
                        .map(ServiceLoader.Provider::get).toList();
                assertThat(providers).singleElement().isInstanceOf(Provider.class);
            }
            assertThat(listings).hasValue(1);
            // the same file, read from memory
            URL url = Collections.list(cached.getResources(SERVICE_FILE)).get(0);
            assertThat(url.toString()).isEqualTo(jar.resolve(SERVICE_FILE).toUri().toURL().toString());
            try (var in = url.openStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Provider.class.getName() + "\n");
            }
            // anything else is the application loader's, classes included
            assertThat(cached.loadClass(Provider.class.getName())).isSameAs(Provider.class);
            assertThat(Collections.list(cached.getResources("META-INF/MANIFEST.MF")))
                    .isEqualTo(Collections.list(application.getResources("META-INF/MANIFEST.MF")));
        }
    }

    @Test
    void theRequestRunsWithTheCachingLoaderAndTheThreadGetsItsOwnBack() throws Exception {
        ClassLoader own = Thread.currentThread().getContextClassLoader();
        AtomicReference<ClassLoader> during = new AtomicReference<>();
        ServiceFileCacheFilter filter = new ServiceFileCacheFilter();

        filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(), new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
                during.set(Thread.currentThread().getContextClassLoader());
            }
        });

        assertThat(during.get()).isInstanceOf(ServiceFileCachingClassLoader.class);
        assertThat(during.get().getParent()).isSameAs(own);
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(own);
    }

    @Test
    void theFetchAndLockHandlersThreadGetsTheCachingLoaderOnce() throws Exception {
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        Thread handler = new Thread(() -> {
            try {
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, ServiceFileCacheFilter.FETCH_AND_LOCK_THREAD);
        ClassLoader own = handler.getContextClassLoader();
        handler.start();
        try {
            ServiceFileCacheFilter filter = new ServiceFileCacheFilter();
            filter.cacheForTheFetchAndLockHandler();
            ClassLoader first = handler.getContextClassLoader();
            filter.cacheForTheFetchAndLockHandler();

            assertThat(first).isInstanceOf(ServiceFileCachingClassLoader.class);
            assertThat(first.getParent()).isSameAs(own);
            assertThat(handler.getContextClassLoader()).as("not wrapped twice").isSameAs(first);
        } finally {
            stop.countDown();
            handler.join();
        }
    }

    public static class Provider implements Runnable {
        @Override
        public void run() {
        }
    }
}
