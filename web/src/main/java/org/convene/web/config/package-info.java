@NullMarked
package org.convene.web.config;

import org.jspecify.annotations.NullMarked;
