package com.s4bsv.s4.server.storage;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The object store on the data root, its transfer slots, and the periodic garbage collection of temp space. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
@EnableScheduling
class StorageConfiguration {

    @Bean
    ObjectStore objectStore(StorageProperties properties) {
        var root = properties.dataDir().toAbsolutePath().normalize();
        var temp = new TempSpace(root.resolve("_tmp"), properties.tempMaxAge(), Clock.systemUTC());
        var store = new FileObjectStore(
                root,
                temp,
                new MultipartUploads.Settings(
                        properties.uploadMaxAge(),
                        Clock.systemUTC(),
                        properties.minPartSize().toBytes()));
        store.open();
        return store;
    }

    @Bean
    IoSlots ioSlots(StorageProperties properties) {
        return new IoSlots(properties.maxIoJobs(), properties.ioWait());
    }

    @Bean
    MeterBinder storageMetrics(ObjectStore store, IoSlots slots) {
        return registry -> {
            Gauge.builder("s4.objects.stored", store, ObjectStore::objectCount)
                    .description("objects committed on this node")
                    .register(registry);
            Gauge.builder("s4.bytes.stored", store, ObjectStore::byteCount)
                    .baseUnit("bytes")
                    .description("bytes of objects committed on this node")
                    .register(registry);
            Gauge.builder("s4.temp.bytes", store, s -> s.temp().bytesUsed())
                    .baseUnit("bytes")
                    .description("bytes in temp files of running (or dead) requests")
                    .register(registry);
            Gauge.builder("s4.io.slots.used", slots, IoSlots::inUse)
                    .description("object transfers holding a --max-io-jobs slot")
                    .register(registry);
        };
    }

    @Bean
    Sweeper sweeper(ObjectStore store) {
        return new Sweeper(store);
    }

    /** Collects temp files and uploads of dead requests. */
    static final class Sweeper {

        private final ObjectStore store;

        Sweeper(ObjectStore store) {
            this.store = store;
        }

        @Scheduled(
                fixedDelayString = "${s4.storage.sweep-interval}",
                initialDelayString = "${s4.storage.sweep-interval}")
        void sweep() {
            store.temp().sweep();
            store.multipart().sweep();
        }
    }
}
