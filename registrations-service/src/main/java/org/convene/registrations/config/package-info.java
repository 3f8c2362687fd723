@NullMarked
package org.convene.registrations.config;

import org.jspecify.annotations.NullMarked;
