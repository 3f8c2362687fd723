@NullMarked
package org.convene.gateway.security;

import org.jspecify.annotations.NullMarked;
