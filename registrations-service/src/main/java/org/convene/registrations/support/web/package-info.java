@NullMarked
package org.convene.registrations.support.web;

import org.jspecify.annotations.NullMarked;
