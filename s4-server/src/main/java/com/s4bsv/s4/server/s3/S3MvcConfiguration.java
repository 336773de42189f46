package com.s4bsv.s4.server.s3;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the query allow-list in front of every S3 handler. */
@Configuration(proxyBeanMethods = false)
class S3MvcConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new QueryAllowList());
    }
}
