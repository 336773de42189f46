package com.s4bsv.s4.server.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The request filter and the Tomcat settings an S3 front needs. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<RequestFilter> requestFilter(MeterRegistry registry) {
        var registration = new FilterRegistrationBean<>(new RequestFilter(registry));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> s3Tomcat() {
        return factory -> {
            int port = factory.getPort();
            factory.addProtocolHandlerCustomizers(handler -> {
                // Nodes may share a JVM (s4-server --all-nodes): a request thread names its node's port in the log.
                if (handler.getExecutor() instanceof VirtualThreadExecutor) {
                    handler.setExecutor(new VirtualThreadExecutor("s4-" + port + "-"));
                }
            });
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(S3ErrorReportValve.class.getName());
                }
            });
            factory.addConnectorCustomizers(connector -> {
                // Never parse a request body as form parameters: object bodies are data, whatever their Content-Type.
                connector.setParseBodyMethods("");
                // Keys may contain an encoded '/'; we decode the raw URI ourselves, exactly once.
                connector.setEncodedSolidusHandling("passthrough");
                // '\\' is a valid key character (S3 and the key rules agree); clients send it as %5C.
                connector.setEncodedReverseSolidusHandling("passthrough");
                // Fewer, larger socket reads and writes for object bodies.
                connector.setProperty("socket.appReadBufSize", "65536");
                connector.setProperty("socket.appWriteBufSize", "65536");
            });
        };
    }
}
