package dev.cairn.server.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class AuditWebConfig implements WebMvcConfigurer {
    private final AuditInterceptor interceptor;

    AuditWebConfig(AuditInterceptor interceptor) {
        this.interceptor = interceptor;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor).addPathPatterns("/api/**", "/console/**")
                .excludePathPatterns("/console/assets/**", "/console/css/**", "/console/js/**");
    }
}
