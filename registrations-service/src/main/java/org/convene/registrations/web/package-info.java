@NullMarked
package org.convene.registrations.web;

import org.jspecify.annotations.NullMarked;
