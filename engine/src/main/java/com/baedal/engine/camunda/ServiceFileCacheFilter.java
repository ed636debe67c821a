package com.baedal.engine.camunda;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST layer looks up its process engine with {@link java.util.ServiceLoader} on every call
 * ({@code EngineUtil.lookupProcessEngine}: in the authentication filter, in each resource and in fetch-and-lock), and
 * timers build a {@code DatatypeFactory} the same way. Each lookup lists {@code META-INF/services/<type>} across every
 * jar of the application through the thread's context class loader and reads what it finds: in a profile of
 * {@code ./baedal bench} that was about 6 % of the engine's CPU.
 * <p>
 * For the length of a request, the thread's context class loader becomes one that answers those service-file lookups
 * from memory (the application's jars do not change while it runs) and hands everything else, classes included, to
 * the loader it wraps, so no class is defined twice. The long-polling fetch-and-lock handler looks the engine up on
 * a thread of its own each time a task arrives: that thread gets such a loader once the application is ready.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ServiceFileCacheFilter implements Filter {

    /** The thread of Camunda's {@code FetchAndLockHandlerImpl}, named after its class. */
    static final String FETCH_AND_LOCK_THREAD = "FetchAndLockHandlerImpl";

    /** One caching loader per context loader it wraps (request threads and the handler's thread may differ). */
    private final ConcurrentMap<ClassLoader, ServiceFileCachingClassLoader> loaders = new ConcurrentHashMap<>();

    @EventListener(ApplicationReadyEvent.class)
    public void cacheForTheFetchAndLockHandler() {
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(FETCH_AND_LOCK_THREAD))
                .filter(thread -> thread.getContextClassLoader() != null
                        && !(thread.getContextClassLoader() instanceof ServiceFileCachingClassLoader))
                .forEach(thread -> thread.setContextClassLoader(loaderWrapping(thread.getContextClassLoader())));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (previous == null) {
            chain.doFilter(request, response);
            return;
        }
        thread.setContextClassLoader(loaderWrapping(previous));
        try {
            chain.doFilter(request, response);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private ClassLoader loaderWrapping(ClassLoader contextLoader) {
        return loaders.computeIfAbsent(contextLoader, ServiceFileCachingClassLoader::new);
    }

    /** A class loader that reads each {@code META-INF/services/} file list once and delegates everything else. */
    static final class ServiceFileCachingClassLoader extends ClassLoader {

        private static final String SERVICE_FILES = "META-INF/services/";

        static {
            registerAsParallelCapable();
        }

        private final ConcurrentMap<String, List<URL>> serviceFiles = new ConcurrentHashMap<>();

        ServiceFileCachingClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (!name.startsWith(SERVICE_FILES)) {
                return super.getResources(name);
            }
            try {
                return Collections.enumeration(serviceFiles.computeIfAbsent(name, this::readAll));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        private List<URL> readAll(String name) {
            try {
                List<URL> copies = new ArrayList<>();
                for (URL url : Collections.list(getParent().getResources(name))) {
                    try (InputStream in = url.openStream()) {
                        copies.add(inMemory(url, in.readAllBytes()));
                    }
                }
                return List.copyOf(copies);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A URL with the same text as the original whose content is served from memory. */
        private static URL inMemory(URL original, byte[] content) throws MalformedURLException {
            return new URL(null, original.toString(), new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) {
                    return new URLConnection(url) {
                        @Override
                        public void connect() {
                            connected = true;
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(content);
                        }
                    };
                }
            });
        }
    }
}
