@NullMarked
package org.convene.identity.config;

import org.jspecify.annotations.NullMarked;
